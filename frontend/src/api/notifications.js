import { request } from './http'

/**
 * GET /api/notifications → {items[{id, kind, title, body, link, created_at, read}], total, page, size, unread};
 * `latest`: only the newest `size` and the unread count, without the total.
 */
export const listNotifications = ({ page = 1, size = 20, unread = false, latest = false } = {}) =>
  request({
    method: 'get',
    url: '/api/notifications',
    params: { page, size, ...(unread ? { unread: 1 } : {}), ...(latest ? { latest: 1 } : {}) },
  })

/** POST /api/notifications/read {ids} → {unread} */
export const markNotificationsRead = (ids) => request({ method: 'post', url: '/api/notifications/read', data: { ids } })

/** POST /api/notifications/read {all: true} → {unread} */
export const markAllNotificationsRead = () =>
  request({ method: 'post', url: '/api/notifications/read', data: { all: true } })
