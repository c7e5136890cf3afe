// Starts one portal: HTTP client with that portal's token, Element Plus in Chinese, the router.
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles.css'
import { initHttp } from '@/api/http'

export function mountPortal({ App, router, tokens }) {
  initHttp({
    tokens,
    onUnauthorized: () => {
      const current = router.currentRoute.value
      if (current.meta.public) return
      router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
    },
  })
  createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app')
}

/** Route guard: pages without `meta.public` need a token. */
export function requireToken(router, tokens) {
  router.beforeEach((to) => {
    if (!to.meta.public && !tokens.get()) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    return true
  })
}

/** A safe in-app redirect target from ?redirect= (only hash-router paths). */
export function redirectTarget(route) {
  const target = route.query.redirect
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/'
}
