// The 投稿 form's fields, client-side rules (mirroring the API's limits; the server stays the judge) and body.
import { requiredText, ruleFrom } from '@/shared/validators'
import { MAX_CHARS, measureTexts } from './smsCount'

export const ALL_INDUSTRIES = '全部行业'
export const LIMITS = { name: 40, summary: 80, description: 2000, sms: 500, price: 99999.99 }

export const FIELDS = ['name', 'industry', 'event', 'target_classes', 'summary', 'description', 'sms_text', 'shared',
  'price_yuan', 'attachment_key']

export const emptyForm = (industry = '') => ({
  name: '', industry, event: '', target_classes: [], summary: '', description: '', sms_text: '',
  shared: true, paid: false, price_yuan: 0, attachment_key: '',
})

/** The form filled from a plan being edited; its attachment stays unless a new file is uploaded. */
export const formFromPlan = (plan) => ({
  ...emptyForm(plan.industry),
  name: plan.name || '',
  event: plan.event || '',
  target_classes: [...(plan.target_classes || [])],
  summary: plan.summary || '',
  description: plan.description || '',
  sms_text: plan.sms_text || '',
  shared: Boolean(plan.shared),
  paid: Number(plan.price_yuan) > 0,
  price_yuan: Number(plan.price_yuan) || 0,
})

function nameProblem(value) {
  const text = (value || '').trim()
  if (text.length < 2) return '请填写方案名称（2–40 个字）'
  return text.length > LIMITS.name ? `方案名称最多 ${LIMITS.name} 个字，当前 ${text.length} 个字` : ''
}

function smsProblem(value) {
  const texts = measureTexts(value)
  if (!texts.length) return '请填写建议短信文案'
  const index = texts.findIndex((text) => text.tooLong)
  if (index < 0) return ''
  const which = texts.length > 1 ? `第 ${index + 1} 条文案` : '短信文案'
  return `${which}加上签名和退订语后共 ${texts[index].chars} 字，超过 ${MAX_CHARS} 字上限，请精简`
}

const chosen = (label) => ruleFrom((value) => (value && value.length !== 0 ? '' : `请选择${label}`), 'change')

export const formRules = (form) => ({
  name: [ruleFrom(nameProblem)],
  industry: [chosen('适用行业')],
  event: [chosen('营销活动')],
  target_classes: [chosen('至少一个目标客户分类')],
  summary: [requiredText('一句话简介', LIMITS.summary)],
  description: [{ max: LIMITS.description, message: `详细说明最多 ${LIMITS.description} 个字`, trigger: 'blur' }],
  sms_text: [ruleFrom(smsProblem)],
  price_yuan: [{
    trigger: 'change',
    validator: (_rule, value, callback) =>
      (form.paid && !(Number(value) > 0) ? callback(new Error('收费方案请填写大于 0 的价格')) : callback()),
  }],
})

/** The API body: trimmed texts, price 0 when free; an empty attachment_key keeps the current file. */
export const planPayload = (form) => ({
  name: form.name.trim(),
  industry: form.industry,
  event: form.event,
  target_classes: [...form.target_classes],
  summary: form.summary.trim(),
  description: form.description.trim(),
  sms_text: form.sms_text.trim(),
  shared: form.shared,
  price_yuan: form.paid ? Math.round(Number(form.price_yuan) * 100) / 100 : 0,
  attachment_key: form.attachment_key,
})
