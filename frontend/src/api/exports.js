import { request } from './http'

/** GET /api/exports/{job_id} → {job_id, status, status_label, progress, filename, count, error, url} (the requester's own) */
export const getExportJob = (id) => request({ method: 'get', url: `/api/exports/${encodeURIComponent(id)}` })
