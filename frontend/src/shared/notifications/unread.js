// The signed-in login's unread count, shared by the bell and the 消息 page so marking read in one shows in both.
import { ref } from 'vue'
import { listNotifications, markAllNotificationsRead, markNotificationsRead } from '@/api/notifications'

export const unread = ref(0)

/** The newest `size` messages and the unread count (the bell's cheap poll: no total is counted). */
export async function refreshLatest(size = 5) {
  const answer = await listNotifications({ page: 1, size, latest: true })
  unread.value = answer.unread || 0
  return answer.items || []
}

/** Mark some messages (or, with no ids, all of them) read; the count follows the server's answer. */
export async function markRead(ids = null) {
  const answer = ids ? await markNotificationsRead(ids) : await markAllNotificationsRead()
  unread.value = answer.unread || 0
  return answer
}

/** Open a message: mark it read when it is not, then go to its link in this portal's router. */
export async function openMessage(router, message) {
  if (!message.read) {
    await markRead([message.id])
    message.read = true
  }
  if (message.link) router.push(message.link)
}
