// The rule builder's editable tree and the API's rule JSON, each turned into the other.
// A group is {id, kind: 'group', mode: 'all'|'any', children}; a condition {id, kind: 'condition', field, op, value}.
// Ids only key the rows on the page; they never reach the API.
import { emptyValue, fieldOf, newCondition } from './ruleFields.js'

/** Groups may nest this deep (the API's limit): the root group is depth 1. */
export const MAX_DEPTH = 4
/** The API refuses more conditions than this in one segment. */
export const MAX_CONDITIONS = 50

const NO_VALUE_OPS = new Set(['is_true', 'is_false'])
let lastId = 0
const nextId = () => `n${++lastId}`

export const newGroup = (mode = 'all', children = []) => ({ id: nextId(), kind: 'group', mode, children })

export const conditionNode = (condition) => ({ id: nextId(), kind: 'condition', ...condition })

/** A condition node for `key`, ready to edit. */
export const newConditionNode = (key) => conditionNode(newCondition(key))

/** The API's rules → an editable tree; anything that is not a group is read as a condition. */
export function toTree(rules) {
  if (!rules || typeof rules !== 'object') return newGroup()
  const mode = Array.isArray(rules.any) ? 'any' : 'all'
  const children = Array.isArray(rules[mode]) ? rules[mode] : []
  return newGroup(mode, children.map((child) => (child && (child.all || child.any) ? toTree(child) : fromCondition(child))))
}

function fromCondition({ field, op, value } = {}) {
  const known = fieldOf(field)
  const usable = known && known.ops.includes(op)
  return conditionNode({ field, op, value: value === undefined && usable ? emptyValue(field, op) : value })
}

/** An editable tree → the API's rules ({all: [...]} or {any: [...]}). */
export function toRules(node) {
  if (node.kind === 'group') return { [node.mode]: node.children.map(toRules) }
  const condition = { field: node.field, op: node.op }
  if (!NO_VALUE_OPS.has(node.op)) condition.value = node.value
  return condition
}

/** How many conditions the tree holds. */
const blank = (value) => value === null || value === undefined || value === '' ||
  (Array.isArray(value) && (value.length === 0 || value.some(blank)))

/** True while a condition still waits for its value (just added, or cleared): nothing to count yet. */
export const hasBlankCondition = (node) => (node.kind === 'group' ? node.children.some(hasBlankCondition)
  : fieldOf(node.field)?.editor !== 'none' && blank(node.value)) // 有手机号 / 同意接收短信 take no value

export const countConditions = (node) =>
  node.kind === 'group' ? node.children.reduce((sum, child) => sum + countConditions(child), 0) : 1

/** Each node's path as the API names it in errors: the root is '', its first child `all[0]`, below `all[0].any[1]`. */
export function nodePaths(root) {
  const paths = new Map([[root.id, '']])
  const walk = (group, prefix) => group.children.forEach((child, index) => {
    const path = `${prefix}${prefix ? '.' : ''}${group.mode}[${index}]`
    paths.set(child.id, path)
    if (child.kind === 'group') walk(child, path)
  })
  walk(root, '')
  return paths
}

/**
 * The server's error details placed on the node they name: {nodeId: [message]}. A detail's `path` (or `field`) is a
 * rule path (`all[2].value`, perhaps prefixed `rules.`); it belongs to the deepest node whose path starts it.
 */
export function errorsByNode(root, details) {
  const paths = [...nodePaths(root)].sort((a, b) => b[1].length - a[1].length)
  const placed = {}
  for (const detail of Array.isArray(details) ? details : []) {
    const field = String(detail?.path ?? detail?.field ?? '').replace(/^rules\.?/, '')
    const message = String(detail?.message || '').trim()
    if (!message) continue
    const [id] = paths.find(([, path]) => field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`)) ||
      [root.id]
    placed[id] = [...(placed[id] || []), message]
  }
  return placed
}
