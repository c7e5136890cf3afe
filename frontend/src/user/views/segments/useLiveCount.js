// The live "符合条件 N 人" of the rules being edited: re-asked a moment after the last change, only the newest
// answer counts, and a refusal's details are placed on the conditions they name.
import { onBeforeUnmount, ref, watch } from 'vue'
import { countSegment } from '@/api/segments'
import { errorsByNode, hasBlankCondition, toRules } from './ruleTree'

const DEBOUNCE_MS = 400

export function useLiveCount(tree) {
  const count = ref(null)
  const total = ref(null)
  const counting = ref(false)
  const error = ref(null) // the ApiError when the count failed
  const nodeErrors = ref({})
  const incomplete = ref(false) // a condition waits for its value: not counted (and not an error) yet
  let timer = null
  let request = 0

  async function recount() {
    clearTimeout(timer)
    const current = ++request
    incomplete.value = hasBlankCondition(tree)
    if (incomplete.value) {
      count.value = null
      error.value = null
      nodeErrors.value = {}
      counting.value = false
      return
    }
    counting.value = true
    try {
      const answer = await countSegment(toRules(tree))
      if (current !== request) return
      count.value = answer.count
      total.value = answer.total ?? total.value
      error.value = null
      nodeErrors.value = {}
    } catch (e) {
      if (current !== request) return
      count.value = null
      error.value = e
      nodeErrors.value = errorsByNode(tree, e.details)
    } finally {
      if (current === request) counting.value = false
    }
  }

  watch(tree, () => {
    clearTimeout(timer)
    counting.value = true
    timer = setTimeout(recount, DEBOUNCE_MS)
  }, { deep: true })

  onBeforeUnmount(() => {
    clearTimeout(timer)
    request += 1
  })

  return { count, total, counting, error, nodeErrors, incomplete, recount }
}
