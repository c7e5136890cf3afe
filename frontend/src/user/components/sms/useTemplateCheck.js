// The editor's live check: POST /api/sms/templates/check ~300 ms after the last keystroke; only the newest answer counts.
import { onBeforeUnmount, ref, watch } from 'vue'
import { checkTemplate } from '@/api/sms'

const DEBOUNCE_MS = 300

/** `source()` returns {text, kind}; `result` holds the last answer for the current text (null while empty). */
export function useTemplateCheck(source) {
  const result = ref(null)
  const checking = ref(false)
  const error = ref(null)
  let timer = null
  let request = 0

  async function run() {
    const { text, kind } = source()
    const current = ++request
    if (!text.trim()) {
      checking.value = false
      result.value = null
      error.value = null
      return
    }
    checking.value = true
    try {
      const answer = await checkTemplate({ text, kind })
      if (current !== request) return
      result.value = answer
      error.value = null
    } catch (e) {
      if (current === request) error.value = e
    } finally {
      if (current === request) checking.value = false
    }
  }

  function schedule() {
    clearTimeout(timer)
    checking.value = Boolean(source().text.trim())
    timer = setTimeout(run, DEBOUNCE_MS)
  }

  watch(source, schedule, { deep: true, immediate: true })
  onBeforeUnmount(() => {
    clearTimeout(timer)
    request += 1
  })
  return { result, checking, error, recheck: run }
}
