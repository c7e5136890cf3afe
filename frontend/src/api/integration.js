import { apiUrl, request } from './http'

/** GET /api/api-keys → {items: [{key_id, name, prefix, created_at, created_by, last_used_at, revoked_at}]} */
export const listApiKeys = () => request({ method: 'get', url: '/api/api-keys' })

/** POST /api/api-keys → 201 {key_id, name, prefix, key} – `key` is shown this once */
export const createApiKey = (name) => request({ method: 'post', url: '/api/api-keys', data: { name } })

/** POST /api/api-keys/{key_id}/revoke → {key_id, revoked_at} */
export const revokeApiKey = (keyId) =>
  request({ method: 'post', url: `/api/api-keys/${encodeURIComponent(keyId)}/revoke`, data: {} })

/** GET /api/integration → {bucket, drop_prefixes: {customers, orders}, bulk_max_rows} */
export const getIntegration = () => request({ method: 'get', url: '/api/integration' })

/** The full address of POST /api/bulk/{kind}, for the ERP instructions (called with X-Api-Key, not here). */
export const bulkUrl = (kind) => apiUrl(`/api/bulk/${encodeURIComponent(kind)}`)
