// The eight RFM classes in SPEC order (also the "up/down" order), and how they are drawn.
export const UNANALYSED = '未分析'
/** No purchase in the analysis' window: below every class in the up/down order. */
export const NO_PURCHASE = '无购买'

export const RFM_CLASSES = [
  { name: '重要价值客户', color: '#d9363e' },
  { name: '重要发展客户', color: '#f07c3c' },
  { name: '重要保持客户', color: '#e6a23c' },
  { name: '重要挽留客户', color: '#c9a227' },
  { name: '一般价值客户', color: '#409eff' },
  { name: '一般发展客户', color: '#36a3a3' },
  { name: '一般保持客户', color: '#67c23a' },
  { name: '一般挽留客户', color: '#8e7cc3' },
]

const UNANALYSED_COLOR = '#b1b3b8'
const NO_PURCHASE_COLOR = '#909399'

/** Every value the class filter accepts: the eight classes, then 无购买 and 未分析. */
export const CLASS_FILTERS = [...RFM_CLASSES.map((c) => c.name), NO_PURCHASE, UNANALYSED]

/** The nine places of a comparison (the eight classes, then 无购买), as the API's matrix orders them. */
export const POSITIONS = [...RFM_CLASSES.map((c) => c.name), NO_PURCHASE]

/** The colour of a class name; 无购买 darker grey; null or unknown → grey. */
export const classColor = (name) =>
  RFM_CLASSES.find((c) => c.name === name)?.color || (name === NO_PURCHASE ? NO_PURCHASE_COLOR : UNANALYSED_COLOR)

export const M_MODES = [
  { value: 'avg', label: '客单价（平均每单金额）' },
  { value: 'total', label: '累计消费金额' },
]
export const THRESHOLD_METHODS = [
  { value: 'mean', label: '平均值', hint: '默认：与所有有消费客户的平均水平比较' },
  { value: 'median', label: '中位数', hint: '少数大客户拉高平均值时更稳健' },
  { value: 'quintile', label: '五分位评分 ≥ 3', hint: '按 1–5 分评分，3 分及以上为高' },
]
