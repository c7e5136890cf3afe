// The eight RFM classes in SPEC order (also the "up/down" order), and how they are drawn.
export const UNANALYSED = '未分析'

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

/** Every value the class filter accepts: the eight classes, then 未分析. */
export const CLASS_FILTERS = [...RFM_CLASSES.map((c) => c.name), UNANALYSED]

/** The colour of a class name; null or unknown → grey. */
export const classColor = (name) => RFM_CLASSES.find((c) => c.name === name)?.color || UNANALYSED_COLOR
