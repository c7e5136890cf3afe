// The tenant's own fee state (GET /api/me/billing), shared by the banner above every page and 企业资料's card:
// asked once per login, and again when 企业资料 opens.
import { reactive } from 'vue'
import { getMyBilling } from '@/api/billing'

const state = reactive({ answer: null, loading: false, error: null, loadedFor: '' })
let pending = null

export function useBilling() {
  /** Loads for `who` (the login's token) unless already loaded for it; `force` asks again. */
  function load(who, { force = false } = {}) {
    if (!force && state.answer && state.loadedFor === who) return Promise.resolve(state.answer)
    if (pending) return pending
    state.loading = true
    state.error = null
    pending = getMyBilling()
      .then((answer) => { Object.assign(state, { answer, loadedFor: who }); return answer })
      .catch((error) => { state.error = error; throw error })
      .finally(() => { state.loading = false; pending = null })
    return pending
  }

  /** Forgets the answer (logged out): the next login asks again. */
  function reset() {
    Object.assign(state, { answer: null, error: null, loadedFor: '' })
  }

  return { state, load, reset }
}
