// What the logged-in tenant account may do (GET /api/me `permissions`): pages hide the rest.
// read: every tenant login; export, edit: 企业管理员 and 店长; admin: the 企业管理员 only.
import { computed } from 'vue'
import { useMe } from '@/shared/useMe'

export const TENANT_ROLES = ['tenant_user', 'store_manager', 'tenant_readonly']

export function usePermissions() {
  const { state } = useMe()
  const granted = computed(() => new Set(state.me?.permissions || []))
  return {
    can: (permission) => granted.value.has(permission),
    store: computed(() => state.me?.store || ''),
  }
}

/** Route guard: a page whose `meta.permission` the account lacks (a typed-in address) opens the home page. */
export function requirePermission(router) {
  router.beforeEach(async (to) => {
    if (!to.meta.permission) return true
    const me = await useMe().load().catch(() => null) // a failed load leaves the page to say so
    return !me || (me.permissions || []).includes(to.meta.permission) ? true : { name: 'home' }
  })
}
