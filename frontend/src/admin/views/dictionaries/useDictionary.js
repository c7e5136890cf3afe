// One dictionary being edited: load it, know whether it changed, save it whole, sort the server's errors by entry.
import { computed, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useLoad } from '@/shared/useLoad'
import { itemErrors } from './itemErrors'

const NO_ERRORS = { rows: {}, general: [] }

/**
 * `fetch()` / `store(items)` answer {items}; `toEdit(items)` makes the editable rows, `toItems(rows)` the body.
 */
export function useDictionary({ fetch, store, toEdit = (items) => [...items], toItems = (rows) => [...rows], savedMessage }) {
  const rows = ref([])
  const saved = ref('[]')
  const saving = ref(false)
  const errors = ref(NO_ERRORS)

  const dirty = computed(() => JSON.stringify(toItems(rows.value)) !== saved.value)

  function use(items) {
    rows.value = toEdit(items || [])
    saved.value = JSON.stringify(toItems(rows.value))
    clearErrors()
  }

  /** Row numbers in the server's messages stop fitting once a row is added or removed. */
  function clearErrors() {
    errors.value = NO_ERRORS
  }

  const { data: latest, loading, error: loadError, load: fetchNewest } = useLoad(fetch, null, { waiting: true })

  async function load() {
    if (await fetchNewest()) use(latest.value.items)
  }

  async function save() {
    saving.value = true
    try {
      use((await store(toItems(rows.value))).items)
      ElMessage.success(savedMessage)
    } catch (e) {
      errors.value = itemErrors(e)
      ElMessage.error(e.message)
    } finally {
      saving.value = false
    }
  }

  return { rows, loading, loadError, saving, errors, dirty, load, save, clearErrors }
}
