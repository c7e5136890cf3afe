// The state of a server-paged list: one page of rows, the total, loading, error and the pager's handlers.
// Like useLoad, but a list is re-asked for often (pages, filters, self-refresh), so only the newest
// request's answer counts, and a refresh can run silently.
import { computed, onBeforeUnmount, ref } from 'vue'

const REFRESH_MS = 3000

/**
 * `fetchPage({ page, size })` returns a promise of `{ items, total }`.
 * While `refreshWhile(rows)` holds (e.g. an import still running), the page reloads itself silently.
 */
export function usePagedList(fetchPage, { size: firstSize = 20, refreshWhile = null } = {}) {
  const rows = ref([])
  const total = ref(0)
  const page = ref(1)
  const size = ref(firstSize)
  const loading = ref(true) // until the first answer: no empty state flashes before it
  const error = ref(null) // the ApiError, for LoadFailed
  let request = 0
  let timer = null

  /** Fetch the current page; a `silent` load shows no spinner and keeps the old rows if it fails. */
  async function load({ silent = false } = {}) {
    clearTimeout(timer)
    const current = ++request
    if (!silent) {
      loading.value = true
      error.value = null
    }
    try {
      const answer = await fetchPage({ page: page.value, size: size.value })
      if (current !== request) return
      rows.value = answer.items || []
      total.value = answer.total || 0
    } catch (e) {
      if (current !== request || silent) return
      error.value = e
      rows.value = []
      total.value = 0
    } finally {
      if (current === request) {
        loading.value = false
        if (!error.value && refreshWhile?.(rows.value)) timer = setTimeout(() => load({ silent: true }), REFRESH_MS)
      }
    }
  }

  /** Back to page 1 and load: what the list shows has changed (filters, sort, a new subject). */
  function reload() {
    page.value = 1
    load()
  }

  function changePage(next) {
    page.value = next
    load()
  }

  function changeSize(next) {
    size.value = next
    reload()
  }

  onBeforeUnmount(() => {
    clearTimeout(timer)
    request += 1 // an answer arriving after the page is gone is dropped
  })

  return { rows, total, page, size, loading, error, load, reload, changePage, changeSize }
}

/**
 * The same list whose page and size live in the URL: `filters` (a computed of the query) holds them and
 * `setQuery(changes)` writes them, and the page reloads when its query changes.
 */
export function withUrlPaging(list, filters, setQuery) {
  return {
    ...list,
    page: computed(() => filters.value.page),
    size: computed(() => filters.value.size),
    changePage: (page) => setQuery({ page }),
    changeSize: (size) => setQuery({ size, page: 1 }),
  }
}
