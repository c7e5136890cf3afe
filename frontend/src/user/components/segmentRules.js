// The segment rules behind what a page shows (a class, a grid cell, a matrix cell, the movers), and the
// builder's address with them filled in. No '@/' imports: a node unit test loads this file as it is.

/** Customers whose current class is `name`. */
export const classRules = (name) => ({ all: [{ field: 'rfm_class', op: 'in', value: [name] }] })

/** Customers in the cell R score `r` × F score `f` of the current analysis. */
export const gridRules = (r, f) => ({
  all: [{ field: 'r_score', op: 'eq', value: r }, { field: 'f_score', op: 'eq', value: f }],
})

const moved = (fromAnalysis, toAnalysis, fromClass, toClass) => {
  const value = { from_analysis: fromAnalysis, to_analysis: toAnalysis }
  if (fromClass) value.from_class = fromClass
  if (toClass) value.to_class = toClass
  return { field: 'moved', op: 'eq', value }
}

/** Customers who were `fromClass` in one analysis and `toClass` in the other (either may be '' = any class). */
export const movedRules = (fromAnalysis, toAnalysis, fromClass = '', toClass = '') =>
  ({ all: [moved(fromAnalysis, toAnalysis, fromClass, toClass)] })

/**
 * Customers who moved up (`direction` 'up') or down between two analyses: any cell on that side of the matrix.
 * `positions` are the 8 classes then 无购买, best first, as the comparison orders them.
 */
export function directionRules(fromAnalysis, toAnalysis, positions, direction) {
  const cells = positions.flatMap((fromClass, i) => positions
    .filter((_, j) => (direction === 'up' ? j < i : j > i))
    .map((toClass) => moved(fromAnalysis, toAnalysis, fromClass, toClass)))
  return { any: cells }
}

/** The builder's route with `rules` (and a suggested name) filled in. */
export const newSegmentRoute = (rules, name = '') => ({
  path: '/segments/new',
  query: { rules: JSON.stringify(rules), ...(name ? { name } : {}) },
})
