// Signing in and out, the same in both portals.
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ElMessage, ElMessageBox } from 'element-plus'
import { redirectTarget, sessionEndReason } from './bootstrap'
import { useMe } from './useMe'

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
