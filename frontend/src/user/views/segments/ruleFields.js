// What a segment rule can ask about: each field's label, the operators it offers and the value editor it needs.
// The field keys, operators and value shapes are the API's rule language (docs/api.md, 人群与标签).

export const OP_LABELS = {
  eq: '等于',
  ne: '不等于',
  in: '属于',
  not_in: '不属于',
  gte: '大于等于',
  lte: '小于等于',
  between: '介于',
  contains_any: '包含任一',
  contains_all: '包含全部',
  contains_none: '都不包含',
  is_true: '是',
  is_false: '否',
}

const NUMBER_OPS = ['gte', 'lte', 'between', 'eq']
const SCORE_OPS = ['eq', 'gte', 'lte', 'between', 'in']
const DATE_OPS = ['gte', 'lte', 'between']
const SET_OPS = ['in', 'not_in']
const TAG_OPS = ['contains_any', 'contains_all', 'contains_none']
const YES_NO = ['is_true', 'is_false']

/**
 * Every field, grouped as the field picker shows them. `editor` names the value editor (ValueEditor.vue);
 * `unit` is shown after a number; `min`/`max`/`precision` bound number inputs.
 */
export const FIELD_GROUPS = [
  {
    label: 'RFM 分析',
    fields: [
      { key: 'rfm_class', label: '当前分类', editor: 'class', ops: SET_OPS },
      { key: 'moved', label: '分类迁移', editor: 'moved', ops: ['eq'] },
      { key: 'r_score', label: 'R 评分', editor: 'number', ops: SCORE_OPS, min: 1, max: 5, unit: '分' },
      { key: 'f_score', label: 'F 评分', editor: 'number', ops: SCORE_OPS, min: 1, max: 5, unit: '分' },
      { key: 'm_score', label: 'M 评分', editor: 'number', ops: SCORE_OPS, min: 1, max: 5, unit: '分' },
      { key: 'recency_days', label: '最近消费距今（R）', editor: 'number', ops: NUMBER_OPS, min: 0, unit: '天' },
      { key: 'frequency', label: '消费次数（F）', editor: 'number', ops: NUMBER_OPS, min: 0, unit: '次' },
      { key: 'monetary', label: '消费金额（M）', editor: 'number', ops: NUMBER_OPS, min: 0, precision: 2, unit: '元' },
    ],
  },
  {
    label: '消费',
    fields: [
      { key: 'last_order_date', label: '最近消费日期', editor: 'date', ops: DATE_OPS },
      { key: 'first_order_date', label: '首次消费日期', editor: 'date', ops: DATE_OPS },
      { key: 'order_count', label: '累计订单数', editor: 'number', ops: NUMBER_OPS, min: 0, unit: '单' },
      { key: 'total_spent', label: '累计消费', editor: 'number', ops: NUMBER_OPS, min: 0, precision: 2, unit: '元' },
      { key: 'store', label: '所属门店', editor: 'store', ops: SET_OPS },
    ],
  },
  {
    label: '客户资料',
    fields: [
      { key: 'tags', label: '标签', editor: 'tags', ops: TAG_OPS },
      { key: 'birthday_month', label: '生日月份', editor: 'month', ops: SET_OPS },
      { key: 'birthday_within_days', label: '未来 N 天内过生日', editor: 'days', ops: ['lte'] },
      { key: 'region', label: '地区', editor: 'region', ops: SET_OPS },
      { key: 'gender', label: '性别', editor: 'gender', ops: ['eq'] },
      { key: 'age', label: '年龄', editor: 'number', ops: NUMBER_OPS, min: 0, max: 150, unit: '岁' },
      { key: 'has_mobile', label: '有手机号', editor: 'none', ops: YES_NO },
      { key: 'sms_consent', label: '同意接收短信', editor: 'none', ops: YES_NO },
    ],
  },
]

const BY_KEY = Object.fromEntries(FIELD_GROUPS.flatMap((group) => group.fields.map((field) => [field.key, field])))

/** The definition of a field key, or undefined for a key this page does not know. */
export const fieldOf = (key) => BY_KEY[key]

export const GENDERS = ['男', '女']
export const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1)

// A value that fits the editor and operator, for a condition just added or whose operator changed.
const EMPTY_BY_EDITOR = {
  class: () => [],
  store: () => [],
  tags: () => [],
  month: () => [],
  region: () => [],
  gender: () => '女',
  days: () => 7,
  none: () => null,
  date: () => '',
  number: () => null,
  moved: () => ({ from_analysis: '', to_analysis: '' }),
}

/** The starting value of `key` under `op`: a pair for between, a list for in/not_in on numbers. */
export function emptyValue(key, op) {
  const field = fieldOf(key)
  if (op === 'between') return [null, null]
  if (field.editor === 'number' && op === 'in') return []
  return EMPTY_BY_EDITOR[field.editor]()
}

/** A new condition on `key` with its first operator. */
export function newCondition(key) {
  const op = fieldOf(key).ops[0]
  return { field: key, op, value: emptyValue(key, op) }
}
