import { request } from './http'

/** GET /api/me → {username, role, display_name, tenant_id, mobile_masked, tenant} */
export const getMe = () => request({ method: 'get', url: '/api/me' })

/** POST /api/me/password → {ok} */
export const changePassword = ({ old_password, new_password }) =>
  request({ method: 'post', url: '/api/me/password', data: { old_password, new_password } })

/** POST /api/me/logout-all → {ok}; every token of the account, this one included, stops working */
export const logoutAll = () => request({ method: 'post', url: '/api/me/logout-all', data: {} })

/** PUT /api/me/profile → {tenant, review_required} */
export const updateProfile = (profile) => request({ method: 'put', url: '/api/me/profile', data: profile })

/** POST /api/me/profile/withdraw → {tenant}; 409 when no change waits for review */
export const withdrawProfileChange = () => request({ method: 'post', url: '/api/me/profile/withdraw', data: {} })
