// Asks before a page with unsaved changes is left: by the menu, a link, the browser's Back button, or closing
// the tab. `what` names the changes in the question (e.g. 短信设置).
import { onBeforeUnmount, onMounted, unref } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { ElMessageBox } from 'element-plus'

export function useLeaveGuard(dirty, what) {
  onBeforeRouteLeave(() => {
    if (!unref(dirty)) return true
    return ElMessageBox.confirm(`${what}有未保存的修改，离开后修改会丢失。确定离开吗？`, '离开页面', {
      confirmButtonText: '离开',
      cancelButtonText: '取消',
      type: 'warning',
      // Back changes the hash before this guard runs: a box that closed on it would cancel by itself and leave
      // the address on the next page while this page stays.
      closeOnHashChange: false,
    }).then(() => true, () => false)
  })
  const warnOnClose = (event) => {
    if (!unref(dirty)) return
    event.preventDefault()
    event.returnValue = ''
  }
  onMounted(() => window.addEventListener('beforeunload', warnOnClose))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', warnOnClose))
}
