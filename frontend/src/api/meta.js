import { request } from './http'

/** GET /api/meta → {industries, password_rule, username_rule} */
export const getMeta = () => request({ method: 'get', url: '/api/meta', auth: false })
