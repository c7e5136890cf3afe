// Starts one portal: HTTP client with that portal's token, Element Plus in Chinese, the router.
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles.css'
import { initHttp } from '@/api/http'

export const SESSION_ENDED = '登录已过期，请重新登录'

// The page being opened while route guards run (a guard's own call may find the session ended),
// and why the last session ended, for the login page to say.
let navigatingTo = null
let endedBecause = ''

export function mountPortal({ App, router, tokens }) {
  initHttp({
    tokens,
    onUnauthorized: (error) => {
      const target = navigatingTo || router.currentRoute.value
      if (target.meta.public) return
      endedBecause = error?.message || SESSION_ENDED
      router.replace({ name: 'login', query: { redirect: target.fullPath, expired: '1' } })
    },
  })
  createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app')
}

/** Notes why the session ended on purpose (e.g. 退出所有设备), for the login page's notice. */
export function noteSessionEnd(reason) {
  endedBecause = reason
}

/** Why the session ended (the server's words when it gave them), for the login page's notice. */
export function sessionEndReason() {
  return endedBecause || SESSION_ENDED
}

/** Route guard: pages without `meta.public` need a token. Register it before the portal's other guards. */
export function requireToken(router, tokens) {
  router.beforeEach((to) => {
    navigatingTo = to
    if (!to.meta.public && !tokens.get()) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    return true
  })
  router.afterEach(() => { navigatingTo = null })
}

/** A safe in-app redirect target from ?redirect= (only hash-router paths). */
export function redirectTarget(route) {
  const target = route.query.redirect
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/'
}
