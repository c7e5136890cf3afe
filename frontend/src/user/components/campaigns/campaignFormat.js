// How a campaign reads on its pages: statuses, exclusion reasons, rules as a sentence, lifts and verdicts.
// No '@/' imports: a node unit test loads this file as it is.
import { OP_LABELS, fieldOf } from '../../views/segments/ruleFields.js'

/** Campaign statuses in the order the list filter offers them, with their tag colour. */
export const CAMPAIGN_STATUSES = [
  { value: 'draft', label: '草稿', tag: 'info' },
  { value: 'scheduled', label: '待发送', tag: 'warning' },
  { value: 'sending', label: '发送中', tag: 'primary' },
  { value: 'paused', label: '已暂停', tag: 'warning' },
  { value: 'done', label: '已完成', tag: 'success' },
]
const STATUS_BY_VALUE = Object.fromEntries(CAMPAIGN_STATUSES.map((s) => [s.value, s]))
export const statusTag = (status) => STATUS_BY_VALUE[status]?.tag || 'info'

/** Message statuses the messages table filters by. */
export const MESSAGE_STATUSES = [
  { value: 'sending', label: '发送中', tag: 'info' },
  { value: 'submitted', label: '已提交', tag: 'primary' },
  { value: 'delivered', label: '已送达', tag: 'success' },
  { value: 'failed', label: '失败', tag: 'danger' },
  { value: 'unknown', label: '结果未知', tag: 'warning' },
  { value: 'no_receipt', label: '无回执', tag: 'warning' },
]

/** Why customers are left out of a send, in the order the pre-send check lists them. */
export const EXCLUSIONS = [
  { reason: 'no_mobile', label: '无手机号' },
  { reason: 'invalid_mobile', label: '手机号无效' },
  { reason: 'duplicate_mobile', label: '重复手机号' },
  { reason: 'no_consent', label: '未同意接收短信' },
  { reason: 'opted_out', label: '已退订' },
  { reason: 'frequency_cap', label: '超出频次上限' },
  { reason: 'daily_limit', label: '超出单号日上限' },
]

/** A campaign's status may still change by itself: the page polls while it does. */
export const isLive = (status) => status === 'sending' || status === 'scheduled'

const RECEIPT_HOURS = 72 // after this a message without a receipt is shown as 无回执 for good

/** Receipts of a campaign that has finished sending still arrive: its counts keep changing for a while. */
export function awaitingReceipts(campaign, now = Date.now()) {
  const c = campaign?.counts || {}
  const waiting = (c.sent || 0) - (c.delivered || 0) - (c.failed || 0) - (c.unknown || 0) - (c.no_receipt || 0)
  if (campaign?.status !== 'done' || waiting <= 0) return false
  const finished = Date.parse(campaign.finished_at || '')
  return Number.isFinite(finished) && now - finished < RECEIPT_HOURS * 3600 * 1000
}

const isNumber = (value) => value !== null && value !== undefined && value !== '' && Number.isFinite(Number(value))

/** 0.0523 → "5.2 个百分点"; an absolute difference of two rates. */
export const pointsText = (diff) => (isNumber(diff) ? `${(Number(diff) * 100).toFixed(1)} 个百分点` : '—')

/** 0.0523 → "5.2%". */
export const percentText = (rate, digits = 1) => (isNumber(rate) ? `${(Number(rate) * 100).toFixed(digits)}%` : '—')

/** The smallest detectable lift in plain words, or why there is none (`share`: the control group share asked for). */
export function liftSentence(lift, controlSize, baseRate, share = 0) {
  if (!controlSize && share > 0) {
    return `人群较小：按 ${Math.round(share * 100)}% 随机留出，这次没有抽到对照组客户，发送后无法判断短信是否带来了提升。` +
      '如需判断效果，请调大对照组比例后重新检查。'
  }
  if (!controlSize) return '没有对照组：发送后只能看到购买人数，无法判断短信是否带来了提升。'
  if (!isNumber(lift)) {
    return `对照组只有 ${Number(controlSize).toLocaleString('zh-CN')} 人，估算不出能判断有效的最小差别，可以调大对照组比例或扩大人群。`
  }
  const base = isNumber(baseRate) ? `（这批客户近 30 天购买的比例约 ${percentText(baseRate)}）` : ''
  return `对照组 ${Number(controlSize).toLocaleString('zh-CN')} 人时，复购率至少相差 ${pointsText(lift)}才能判断有效${base}。`
}

/** The verdict's tag colour: 明显提升 green, 无提升 red, 尚不能确定 grey. */
export const verdictTag = (verdict) => ({ 明显提升: 'success', 无提升: 'danger' })[verdict] || 'info'

/** The RFM classes a rule set targets (its current-class condition or the class customers moved to). */
export function classesOf(rules) {
  const found = []
  const visit = (node) => {
    if (!node || typeof node !== 'object') return
    for (const child of node.all || node.any || []) visit(child)
    if (node.field === 'rfm_class' && node.op === 'in' && Array.isArray(node.value)) found.push(...node.value)
    if (node.field === 'moved' && node.value?.to_class) found.push(node.value.to_class)
  }
  visit(rules)
  return [...new Set(found)]
}

/** The 新建短信活动 page with these rules (or a saved segment) filled in. */
export function newCampaignRoute({ rules = null, segmentId = '', name = '', planId = '' } = {}) {
  const query = {}
  if (segmentId) query.segment_id = segmentId
  if (rules) {
    query.rules = JSON.stringify(rules)
    const classes = classesOf(rules)
    if (classes.length) query.classes = classes.join(',')
  }
  if (name) query.name = name
  if (planId) query.plan_id = planId
  return { path: '/campaigns/new', query }
}

const MOVED_OPS = { up: '分类上升', down: '分类下降' }

function valueText(condition) {
  const { field, op, value } = condition
  if (op === 'is_true' || op === 'is_false') return ''
  if (field === 'moved') {
    if (value?.direction) return MOVED_OPS[value.direction] || value.direction
    return `从「${value?.from_class || '任意分类'}」到「${value?.to_class || '任意分类'}」`
  }
  const unit = fieldOf(field)?.unit || ''
  if (op === 'between' && Array.isArray(value)) return `${value[0]} 至 ${value[1]}${unit}`
  if (Array.isArray(value)) return value.join('、')
  return `${value}${unit}`
}

function conditionText(condition) {
  const label = fieldOf(condition.field)?.label || condition.field
  if (condition.field === 'moved') return `${label}：${valueText(condition)}`
  return [label, OP_LABELS[condition.op] || condition.op, valueText(condition)].filter(Boolean).join(' ')
}

/** Segment rules as one readable sentence: "当前分类 属于 重要价值客户 且 所属门店 等于 南山店". */
export function rulesText(rules) {
  if (!rules || typeof rules !== 'object') return ''
  const mode = Array.isArray(rules.any) ? 'any' : 'all'
  const parts = (rules[mode] || []).map((child) =>
    (child && (child.all || child.any) ? `（${rulesText(child)}）` : conditionText(child || {})))
  return parts.join(mode === 'any' ? ' 或 ' : ' 且 ')
}
