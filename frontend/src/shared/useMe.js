// Who is logged in (GET /api/me), shared by the layout and the pages of one portal.
import { reactive } from 'vue'
import { getMe } from '@/api/me'

const state = reactive({ me: null, loading: false, error: null })
let pending = null

export function useMe() {
  async function load(force = false) {
    if (state.me && !force) return state.me
    if (pending) return pending
    state.loading = true
    state.error = null
    pending = getMe()
      .then((me) => { state.me = me; return me })
      .catch((error) => { state.error = error; throw error })
      .finally(() => { state.loading = false; pending = null })
    return pending
  }

  function setTenant(tenant) {
    if (state.me) state.me = { ...state.me, tenant }
  }

  function reset() {
    state.me = null
    state.error = null
  }

  return { state, load, setTenant, reset }
}
