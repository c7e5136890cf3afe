// Pick lists and rule texts from GET /api/meta, with built-in fallbacks when it is unreachable.
import { reactive } from 'vue'
import { getMeta } from '@/api/meta'
import { DEFAULT_INDUSTRIES } from './tenantStatus'
import { DEFAULT_PASSWORD_RULE, DEFAULT_USERNAME_RULE } from './validators'

const meta = reactive({
  industries: [...DEFAULT_INDUSTRIES],
  password_rule: DEFAULT_PASSWORD_RULE,
  username_rule: DEFAULT_USERNAME_RULE,
  loaded: false,
})

export function useMeta() {
  if (!meta.loaded) {
    meta.loaded = true
    getMeta()
      .then((answer) => {
        if (Array.isArray(answer?.industries) && answer.industries.length) meta.industries = answer.industries
        if (answer?.password_rule) meta.password_rule = answer.password_rule
        if (answer?.username_rule) meta.username_rule = answer.username_rule
      })
      .catch(() => { meta.loaded = false }) // keep the fallbacks; try again on the next page
  }
  return meta
}
