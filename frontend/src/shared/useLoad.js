// The usual "fetch one thing for this page" state: data, loading, error and a load() to retry.
// Only the newest request's answer counts (like usePagedList): a slow answer to an older question never
// overwrites a newer one, and its failure never shows over a newer success.
import { getCurrentInstance, onBeforeUnmount, ref } from 'vue'

/**
 * `fetch()` returns a promise of the data; `initial` is what data holds before the first answer.
 * `load()` resolves to true when its answer was kept (the newest and not failed).
 * `{ immediate: true }` loads at once; `{ waiting: true }` (a page that loads on mount) or immediate keep loading
 * true until the first answer, so no empty state flashes before it.
 */
export function useLoad(fetch, initial = null, { immediate = false, waiting = false } = {}) {
  const data = ref(initial)
  const loading = ref(immediate || waiting)
  const error = ref(null) // the ApiError, for LoadFailed
  let request = 0

  async function load() {
    const current = ++request
    loading.value = true
    error.value = null
    try {
      const answer = await fetch()
      if (current !== request) return false
      data.value = answer
      return true
    } catch (e) {
      if (current === request) error.value = e
      return false
    } finally {
      if (current === request) loading.value = false
    }
  }

  /** Forget the data and any request still running (e.g. the question has no answer any more). */
  function clear() {
    request += 1
    data.value = initial
    loading.value = false
    error.value = null
  }

  // An answer arriving after the page is gone is dropped.
  if (getCurrentInstance()) onBeforeUnmount(() => { request += 1 })
  if (immediate) load()

  return { data, loading, error, load, clear }
}
