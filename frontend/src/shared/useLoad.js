// The usual "fetch one thing for this page" state: data, loading, error and a load() to retry.
import { ref } from 'vue'

/** `fetch` returns a promise of the data; `initial` is what data holds before the first answer. */
export function useLoad(fetch, initial = null) {
  const data = ref(initial)
  const loading = ref(false)
  const error = ref(null)

  async function load() {
    loading.value = true
    error.value = null
    try {
      data.value = await fetch()
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  return { data, loading, error, load }
}
