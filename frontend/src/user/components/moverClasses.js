// Which classes a comparison suggests plans for: those customers moved into, the most moved-down-into first
// (they need winning back), and the class the user is looking at before all. No '@/' imports: a node unit
// test loads this file as it is.

/**
 * `positions` are the 8 classes then 无购买 (never suggested for); `matrix[from][to]` counts customers;
 * `looking` is the class of the chosen matrix cell, or ''.
 */
export function moverClasses(positions, matrix, looking = '') {
  const count = (i, j) => Number(matrix[i]?.[j]) || 0
  const into = (j, moved) => positions.reduce((sum, _, i) => sum + (moved(i) ? count(i, j) : 0), 0)
  const classes = positions.slice(0, -1)
    .map((name, j) => ({ name, down: into(j, (i) => i < j), up: into(j, (i) => i > j) }))
    .filter((c) => c.down + c.up > 0)
    .sort((a, b) => b.down - a.down)
    .map((c) => c.name)
  return classes.includes(looking) ? [looking, ...classes.filter((name) => name !== looking)] : classes
}
