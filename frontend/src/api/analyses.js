import { request } from './http'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const analysisPath = (id, action = '') => `/api/analyses/${encodeURIComponent(id)}${action}`
// ?store= limits a view to one store's customers ('' = every store; a 店长 always gets its own)
const withStore = (params, store) => (store ? { ...params, store } : params)
const xlsx = (url, params) =>
  request({ method: 'get', url, params, responseType: 'blob', headers: { Accept: XLSX_TYPE } })

/** POST /api/analyses {start, end, m_mode, threshold} → analysis (status preview); 422 NO_PURCHASES */
export const previewAnalysis = ({ start, end, m_mode = 'avg', threshold = 'mean' }) =>
  request({ method: 'post', url: '/api/analyses', data: { start, end, m_mode, threshold } })

/** POST /api/analyses/{id}/save → analysis (status saved, class_update pending) */
export const saveAnalysis = (id) => request({ method: 'post', url: analysisPath(id, '/save'), data: {} })

/** POST /api/analyses/{id}/current (设为当前分类) → analysis (current: true, class_update pending) */
export const setCurrentAnalysis = (id) => request({ method: 'post', url: analysisPath(id, '/current'), data: {} })

/** GET /api/analyses → {items: [analysis], total, page, size, current_id}, newest window end first */
export const listAnalyses = ({ page = 1, size = 20 } = {}) =>
  request({ method: 'get', url: '/api/analyses', params: { page, size } })

/** GET /api/analyses/{id}?store= → analysis plus previous_id (with store: figures over its customers, store_note) */
export const getAnalysis = (id, store = '') =>
  request({ method: 'get', url: analysisPath(id), params: withStore({}, store) })

/** DELETE /api/analyses/{id} → {analysis_id, deleted} */
export const deleteAnalysis = (id) => request({ method: 'delete', url: analysisPath(id) })

/** GET /api/analyses/{id}/customers → {items, total, page, size}; filters: rfmClass, q, sort, order */
export const listAnalysisCustomers = (id, { page = 1, size = 20, rfmClass = '', q = '', sort = '', order = '', store = '' } = {}) => {
  const params = withStore({ page, size }, store)
  if (rfmClass) params.class = rfmClass
  if (q) params.q = q
  if (sort) {
    params.sort = sort
    params.order = order === 'desc' ? 'desc' : 'asc'
  }
  return request({ method: 'get', url: analysisPath(id, '/customers'), params })
}

/** GET /api/analyses/{id}/customers/{code} → explanation */
export const explainCustomer = (id, code) =>
  request({ method: 'get', url: analysisPath(id, `/customers/${encodeURIComponent(code)}`) })

/** GET /api/analyses/{id}/export → the report workbook as a Blob */
export const exportAnalysis = (id, store = '') => xlsx(analysisPath(id, '/export'), withStore({}, store))

/** GET /api/comparisons?from=&to= → comparison */
export const getComparison = (from, to, store = '') =>
  request({ method: 'get', url: '/api/comparisons', params: withStore({ from, to }, store) })

/** GET /api/comparisons/customers → {items: [mover], total, page, size}; direction up|down|same|all, fromClass/toClass for a matrix cell */
export const listMovers = (from, to, { direction = 'all', fromClass = '', toClass = '', page = 1, size = 20, store = '' } = {}) => {
  const params = withStore({ from, to, direction, page, size }, store)
  if (fromClass) params.from_class = fromClass
  if (toClass) params.to_class = toClass
  return request({ method: 'get', url: '/api/comparisons/customers', params })
}

/** GET /api/comparisons/export?from=&to= → xlsx Blob (matrix, moved up, moved down) */
export const exportComparison = (from, to, store = '') => xlsx('/api/comparisons/export', withStore({ from, to }, store))

/** GET /api/dashboard → {latest: analysis | null, trend: [...], customers, orders, stores: listStores' answer} */
export const getDashboard = () => request({ method: 'get', url: '/api/dashboard' })
