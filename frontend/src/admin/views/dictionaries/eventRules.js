// The date rules an event may follow, and which of month/day each one takes (as chalicelib/domain/calendar_events.py).
export const EVENT_RULES = [
  { value: 'fixed', label: '固定日期', month: [1, 12], day: [1, 31], hint: '每年公历同一天' },
  { value: 'lunar', label: '农历日期', month: [1, 12], day: [1, 30], hint: '每年农历同一天' },
  { value: 'monthly', label: '每月固定日', month: null, day: [1, 31], hint: '每月同一天，小月取月末' },
  { value: 'none', label: '不限日期', month: null, day: null, hint: '不做近期提醒' },
]

export const ruleInfo = (value) => EVENT_RULES.find((r) => r.value === value) || EVENT_RULES[3]

/** An event as the API takes it: month and day only where its rule uses them. */
export function eventPayload(event) {
  const info = ruleInfo(event.rule)
  return {
    name: String(event.name || '').trim(),
    rule: event.rule,
    month: info.month ? event.month ?? null : null,
    day: info.day ? event.day ?? null : null,
  }
}

