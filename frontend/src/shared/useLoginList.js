// A list of logins (员工, 子账号) and switching one on or off: ask first, call the API, swap the answer into the row.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { confirmed } from './confirm'
import { useLoad } from './useLoad'

/**
 * `kind` names the logins in the page's words: { noun, disableWord, nameOf(row), enableNote, disableNote, danger };
 * `fetchAll` resolves to { items }, `enable`/`disable` take a username and resolve to the changed login.
 */
export function useLoginList(kind, { fetchAll, enable, disable }) {
  const { data: rows, loading, error, load } = useLoad(async () => (await fetchAll()).items || [], [])
  const busyUser = ref('')

  async function toggle(row) {
    const enabling = row.status === 'disabled'
    const verb = enabling ? '启用' : kind.disableWord
    const note = enabling ? kind.enableNote : kind.disableNote
    const ok = await confirmed(`确定${verb}${kind.noun}「${kind.nameOf(row)}」吗？${note}`, `${verb}${kind.noun}`, {
      danger: !enabling && kind.danger,
    })
    if (!ok) return
    busyUser.value = row.username
    try {
      const login = await (enabling ? enable : disable)(row.username)
      rows.value = rows.value.map((r) => (r.username === login.username ? login : r))
      ElMessage.success(`${kind.noun}已${verb}`)
    } catch (e) {
      ElMessage.error(e.message)
    } finally {
      busyUser.value = ''
    }
  }

  return { kind, rows, loading, error, load, busyUser, toggle }
}
