// What the flow chart says on hover, in words: "重要价值客户 → 一般保持客户：12 人" (ECharts' default shows
// its internal node names joined by ">"). No '@/' imports: a node unit test loads this file as it is.
const SIDES = /^(上次|本次)：/
const people = (value) => `${Number(value || 0).toLocaleString('zh-CN')} 人`

/** ECharts tooltip formatter for the Sankey: an edge is a move between classes, a node one side's class. */
export function flowTooltip(params) {
  if (params.dataType === 'edge') {
    const { source, target, value } = params.data
    return `${source.replace(SIDES, '')} → ${target.replace(SIDES, '')}：${people(value)}`
  }
  return `${params.name.replace(SIDES, '$1 ')}：${people(params.value)}`
}
