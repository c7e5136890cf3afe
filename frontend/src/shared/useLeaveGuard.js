// Asks before a page with unsaved changes is left: by the menu, a link, the browser's Back button, or closing
// the tab. `what` names the changes in the question (e.g. 短信设置).
import { onBeforeUnmount, onMounted, unref } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { confirmed } from './confirm'

export function useLeaveGuard(dirty, what) {
  onBeforeRouteLeave(() => (unref(dirty)
    ? confirmed(`${what}有未保存的修改，离开后修改会丢失。确定离开吗？`, '离开页面', { confirmText: '离开', keepOnBack: true })
    : true))
  const warnOnClose = (event) => {
    if (!unref(dirty)) return
    event.preventDefault()
    event.returnValue = ''
  }
  onMounted(() => window.addEventListener('beforeunload', warnOnClose))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', warnOnClose))
}
