import { request } from './http'

/** GET /api/stores → {items: [{name, customers, classes: {label: count}}], unassigned, labels}; a 店长 sees its own store */
export const listStores = () => request({ method: 'get', url: '/api/stores' })

/** POST /api/stores {name} → 201 {name} (a store name added by hand) */
export const addStore = (name) => request({ method: 'post', url: '/api/stores', data: { name } })
