import { request } from './http'

/** GET /api/opt-outs?q=&page=&size= → {items: [{mobile, source, source_label, source_ref, by, at}], total} */
export const listOptOuts = ({ q = '', page = 1, size = 20 } = {}) =>
  request({ method: 'get', url: '/api/opt-outs', params: { q, page, size } })

/** POST /api/opt-outs {mobile} → 201 {mobile, opted_out, source, at} (200 when it already was) */
export const addOptOut = (mobile) => request({ method: 'post', url: '/api/opt-outs', data: { mobile } })
