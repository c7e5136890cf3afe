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

/** Customers who moved up (`direction` 'up') or down between two analyses, whatever their classes. */
export const directionRules = (fromAnalysis, toAnalysis, direction) =>
  ({ all: [{ field: 'moved', op: 'eq', value: { from_analysis: fromAnalysis, to_analysis: toAnalysis, direction } }] })

/** The builder's route with `rules` (and a suggested name) filled in. */
export const newSegmentRoute = (rules, name = '') => ({
  path: '/segments/new',
  query: { rules: JSON.stringify(rules), ...(name ? { name } : {}) },
})

/** `rules` (an `all` group) limited to one store's customers ('' = every store). */
export const inStore = (rules, store) =>
  (store ? { all: [...rules.all, { field: 'store', op: 'eq', value: store }] } : rules)
