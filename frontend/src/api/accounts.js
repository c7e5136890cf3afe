import { request } from './http'

const accountPath = (username, action) => `/api/accounts/${encodeURIComponent(username)}${action}`

/** GET /api/accounts → {items: [{username, display_name, role, role_label, mobile, store, show_mobile, status, created_at, created_by, sub_account}]} */
export const listAccounts = () => request({ method: 'get', url: '/api/accounts' })

/** POST /api/accounts {username, display_name, mobile, password, role, store, show_mobile} → 201 {account} */
export const createAccount = (account) => request({ method: 'post', url: '/api/accounts', data: account })

/** POST /api/accounts/{username}/disable → {account} */
export const disableAccount = (username) => request({ method: 'post', url: accountPath(username, '/disable'), data: {} })

/** POST /api/accounts/{username}/enable → {account} */
export const enableAccount = (username) => request({ method: 'post', url: accountPath(username, '/enable'), data: {} })
