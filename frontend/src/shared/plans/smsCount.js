// How long a plan's SMS texts are once sent, counted exactly as chalicelib/domain/sms/length.py counts them:
// 【sample signature】 + the text with its variables filled + 拒收请回复R (unless it already ends so);
// ≤ 70 characters is one SMS, longer goes in parts of 67, 500 at most. A plan may suggest several texts,
// separated by a blank line. No '@/' imports: a node unit test loads this file as it is.
export const OPT_OUT = '拒收请回复R'
export const SINGLE_LIMIT = 70
export const PART_LIMIT = 67
export const MAX_CHARS = 500
export const SAMPLE_SIGNATURE = '康宁大药房'
export const VARIABLES = { name: '客户称呼', store: '门店', class: '客户分类' }
// Realistic values, so a text is measured near the length it will really have when sent.
const SAMPLE_VALUES = { name: '王先生', store: '康宁大药房南山店', class: '重要价值客户' }
const PLACEHOLDER = /\{([^{}]*)\}/g

/** The body with its known variables filled in; unknown placeholders stay as written. */
export const render = (body) =>
  body.replace(PLACEHOLDER, (whole, name) => (Object.hasOwn(SAMPLE_VALUES, name) ? SAMPLE_VALUES[name] : whole))

/** The message as the phone shows it. */
export function composeSms(body, signature = SAMPLE_SIGNATURE) {
  let text = render(String(body || '').trim())
  if (!text.endsWith(OPT_OUT)) text += OPT_OUT
  return `【${signature}】${text}`
}

/** {full, chars, parts, tooLong} of one text; characters are counted as code points, like Python's len(). */
export function measureSms(body, signature = SAMPLE_SIGNATURE) {
  const full = composeSms(body, signature)
  const chars = [...full].length
  const parts = chars <= SINGLE_LIMIT ? 1 : Math.ceil(chars / PART_LIMIT)
  return { full, chars, parts, tooLong: chars > MAX_CHARS }
}

/** The texts of a plan's sms_text: one per paragraph (split on a blank line), trimmed, empty ones dropped. */
export const splitTexts = (smsText) =>
  String(smsText || '').split('\n\n').map((part) => part.trim()).filter(Boolean)

/** Each suggested text measured. */
export const measureTexts = (smsText) => splitTexts(smsText).map((text) => measureSms(text))
