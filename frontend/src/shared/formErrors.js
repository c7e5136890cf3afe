// Maps the server's `details[]` onto form fields (shown through el-form-item's `error` prop).
import { reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { errorText } from './errorText'

/** A reactive {field: message} map with helpers to fill and clear it. */
export function useServerErrors(fields) {
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))

  function clear() {
    fields.forEach((f) => { errors[f] = '' })
  }

  /**
   * Puts each detail on its field ("region.city" lands on "region"); `byCode` names the
   * field for errors that carry no details (e.g. USERNAME_TAKEN → username).
   * Returns true when at least one field got a message.
   */
  function apply(error, byCode = {}) {
    clear()
    let placed = false
    for (const detail of error?.details || []) {
      const field = String(detail?.field || '').split(/[.[]/)[0]
      if (field in errors && detail.message) {
        // A field error element re-renders only when the text changes; reset first.
        errors[field] = String(detail.message)
        placed = true
      }
    }
    const codeField = byCode[error?.code]
    if (codeField && codeField in errors && !errors[codeField]) {
      errors[codeField] = error.message
      placed = true
    }
    return placed
  }

  return { errors, clear, apply }
}

/** Scrolls the first visible form error into view. */
export function scrollToFirstError(root = document) {
  requestAnimationFrame(() => {
    root.querySelector?.('.el-form-item.is-error')?.scrollIntoView({ behavior: 'smooth', block: 'center' })
  })
}

/**
 * The usual form submit: validate, call `action`, put server errors on fields.
 * Errors that land on no field are shown as a message unless `onError` takes them.
 */
export function useSubmit(formRef, server, { byCode = {}, onError } = {}) {
  const busy = ref(false)

  async function submit(action) {
    if (busy.value) return false
    server.clear()
    const valid = await formRef.value.validate().catch(() => false)
    if (!valid) {
      scrollToFirstError()
      return false
    }
    busy.value = true
    try {
      await action()
      return true
    } catch (error) {
      const placed = server.apply(error, byCode)
      if (onError) onError(error, placed)
      else if (!placed) ElMessage.error(errorText(error))
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, submit }
}
