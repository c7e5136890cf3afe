import { request } from './http'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const importPath = (id, action = '') => `/api/imports/${encodeURIComponent(id)}${action}`

/** GET /api/templates/{kind} → the xlsx template as a Blob (public). */
export const downloadTemplate = (kind) =>
  request({
    method: 'get',
    url: `/api/templates/${encodeURIComponent(kind)}`,
    auth: false,
    responseType: 'blob',
    headers: { Accept: XLSX_TYPE },
  })

/** POST /api/imports → 201 {import_id, upload: {url, fields}, max_bytes} */
export const createImport = ({ kind, filename, dry_run }) =>
  request({ method: 'post', url: '/api/imports', data: { kind, filename, dry_run: Boolean(dry_run) } })

/** GET /api/imports → {items: [job], total, page, size}, newest first */
export const listImports = ({ page = 1, size = 20 } = {}) =>
  request({ method: 'get', url: '/api/imports', params: { page, size } })

/** GET /api/imports/{id} → job with errors, warnings and skipped (first 500 each) */
export const getImport = (id) => request({ method: 'get', url: importPath(id) })

/** POST /api/imports/{id}/rollback → job (status rolled_back); 409 NOT_ROLLBACKABLE */
export const rollbackImport = (id) => request({ method: 'post', url: importPath(id, '/rollback'), data: {} })

/** POST /api/imports/{id}/retry {dry_run?} → 201 new job importing the same uploaded file; 409 NOT_RETRYABLE */
export const retryImport = (id, { dry_run } = {}) =>
  request({ method: 'post', url: importPath(id, '/retry'), data: dry_run === undefined ? {} : { dry_run: Boolean(dry_run) } })

/** GET /api/imports/mappings/{kind} → {kind, mapping{field: header}, fields[{field, header, required}]} */
export const getColumnMapping = (kind) =>
  request({ method: 'get', url: `/api/imports/mappings/${encodeURIComponent(kind)}` })

/** PUT /api/imports/mappings/{kind} {mapping} → same as GET; 400 names each bad entry (mapping.<field>) */
export const saveColumnMapping = (kind, mapping) =>
  request({ method: 'put', url: `/api/imports/mappings/${encodeURIComponent(kind)}`, data: { mapping } })
