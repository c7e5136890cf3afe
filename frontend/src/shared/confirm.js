// The one "are you sure?" box before an action: resolves true when confirmed, false when cancelled.
import { ElMessageBox } from 'element-plus'

/** `danger` colours the confirm button red, for actions that cannot be undone. `keepOnBack`: the box stays when
 * the address changes (a leave question asked while Back is under way would otherwise cancel itself). */
export const confirmed = (message, title, { confirmText = '确定', danger = false, keepOnBack = false } = {}) =>
  ElMessageBox.confirm(message, title, {
    confirmButtonText: confirmText,
    cancelButtonText: '取消',
    type: 'warning',
    ...(danger ? { confirmButtonType: 'danger' } : {}),
    ...(keepOnBack ? { closeOnHashChange: false } : {}),
  }).then(() => true, () => false)
