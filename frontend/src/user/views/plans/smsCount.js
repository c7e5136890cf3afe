// How long a plan's SMS text is once sent: 【店名】 + text + 拒收请回复R, counted as the backend counts
// (chalicelib/domain/sms/length.py). No '@/' imports: a node unit test loads this file as it is.
export const SIGNATURE = '【店名】'
export const OPT_OUT = '拒收请回复R'
export const SINGLE_LIMIT = 70
export const PART_LIMIT = 67
export const MAX_CHARS = 500

/** The message as a customer receives it: signature, the text, the opt-out suffix. */
export function composeSms(text, signature = SIGNATURE) {
  return `${signature}${String(text || '').trim()}${OPT_OUT}`
}

/** Characters (incl. signature and suffix), SMS parts (≤ 70 → 1, else parts of 67) and whether it is over 500. */
export function countSms(text, signature = SIGNATURE) {
  if (!String(text || '').trim()) return { full: '', chars: 0, parts: 0, tooLong: false }
  const full = composeSms(text, signature)
  const chars = [...full].length
  const parts = chars <= SINGLE_LIMIT ? 1 : Math.ceil(chars / PART_LIMIT)
  return { full, chars, parts, tooLong: chars > MAX_CHARS }
}
