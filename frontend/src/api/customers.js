import { request } from './http'

// Empty filters are left out so the API sees only what the user chose.
const filterParams = ({ q = '', rfmClass = '', tag = '', sort = '', order = '' } = {}) => {
  const params = {}
  if (q) params.q = q
  if (rfmClass) params.class = rfmClass
  if (tag) params.tag = tag
  if (sort) {
    params.sort = sort
    params.order = order === 'desc' ? 'desc' : 'asc'
  }
  return params
}

/** GET /api/customers → {items: [customer], total, page, size, tags} */
export const listCustomers = ({ page = 1, size = 20, ...filters } = {}) =>
  request({ method: 'get', url: '/api/customers', params: { ...filterParams(filters), page, size } })

/** GET /api/customers/distribution → {total, classes: [{name, count}]} */
export const getCustomerDistribution = () => request({ method: 'get', url: '/api/customers/distribution' })

/** POST /api/customers/export → {url, filename, count} (presigned xlsx of the filtered list) */
export const exportCustomers = (filters = {}) =>
  request({ method: 'post', url: '/api/customers/export', data: filterParams(filters) })
