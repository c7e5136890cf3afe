// Signing in and out, the same in both portals.
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ElMessage, ElMessageBox } from 'element-plus'
import { logoutAll } from '@/api/me'
import { noteSessionEnd, redirectTarget, sessionEndReason } from './bootstrap'
import { confirmed } from './confirm'
import { useMe } from './useMe'

export const LOGGED_OUT_EVERYWHERE = '已退出所有设备，请重新登录'

/** For a login page: the "session expired" notice and what to do with a verified login. */
export function useLoginPage(tokens) {
  const route = useRoute()
  const router = useRouter()
  const { reset } = useMe()
  const notice = computed(() => (route.query.expired ? sessionEndReason() : ''))

  function onSuccess(result) {
    tokens.set(result.token)
    reset()
    ElMessage.success('登录成功')
    router.replace(redirectTarget(route))
  }

  return { notice, onSuccess }
}

/** Asks, then forgets the token and who was logged in, and goes to the login page. */
export function useLogout(tokens) {
  const router = useRouter()
  const { reset } = useMe()

  return async function logout() {
    const ok = await ElMessageBox.confirm('确定要退出登录吗？', '退出登录', {
      confirmButtonText: '退出登录', cancelButtonText: '取消', type: 'warning',
    }).catch(() => false)
    if (!ok) return
    tokens.clear()
    reset()
    router.replace({ name: 'login' })
  }
}

/** 退出所有设备: asks, ends every session of the account on the server (this one too), then goes to login. */
export function useLogoutAll(tokens) {
  const router = useRouter()
  const { reset } = useMe()

  return async function logoutEverywhere() {
    const ok = await confirmed('所有设备（包括本设备）上的登录都将失效，需要重新登录。确定退出所有设备吗？',
      '退出所有设备', { confirmText: '退出所有设备', danger: true })
    if (!ok) return
    try {
      await logoutAll()
    } catch (e) {
      ElMessage.error(e.message)
      return
    }
    tokens.clear()
    reset()
    noteSessionEnd(LOGGED_OUT_EVERYWHERE)
    router.replace({ name: 'login', query: { expired: '1' } })
  }
}
