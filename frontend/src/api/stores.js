import { request } from './http'

/** GET /api/stores → {items: [{name, customers, classes: {<class>: count}}]} (a 店长 sees its own store only) */
export const listStores = () => request({ method: 'get', url: '/api/stores' })

/** POST /api/stores {name} → the store added by hand */
export const addStore = (name) => request({ method: 'post', url: '/api/stores', data: { name } })
