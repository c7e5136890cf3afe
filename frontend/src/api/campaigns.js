// 营销活动: SMS campaigns — draft, pre-send check, send, pause/resume, messages, exclusions and the report.
import { request } from './http'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const campaignPath = (id, action = '') => `/api/campaigns/${encodeURIComponent(id)}${action}`

// Empty filters are left out so the API sees only what the user chose.
const withStatus = (status, params) => (status ? { status, ...params } : params)

/** GET /api/campaigns?status=&page=&size= → {items: [summary], total} */
export const listCampaigns = ({ status = '', page = 1, size = 20 } = {}) =>
  request({ method: 'get', url: '/api/campaigns', params: withStatus(status, { page, size }) })

/** GET /api/campaigns/{id} → the campaign with its template, plan, counts, progress and cost */
export const getCampaign = (id) => request({ method: 'get', url: campaignPath(id) })

/** POST /api/campaigns {name, segment_id | rules, template_id, plan_id?, holdout_share, send_at?} → 201 {campaign_id, status} */
export const createCampaign = (body) => request({ method: 'post', url: '/api/campaigns', data: body })

/** PUT /api/campaigns/{id} (same body; drafts only) → the campaign */
export const updateCampaign = (id, body) => request({ method: 'put', url: campaignPath(id), data: body })

/** POST /api/campaigns/{id}/preview → recipients, exclusions, cost, samples, send window, blocking reasons */
/** DELETE /api/campaigns/{id} → {campaign_id, deleted} (drafts only; 409 CAMPAIGN_NOT_DRAFT) */
export const deleteCampaign = (id) => request({ method: 'delete', url: campaignPath(id) })

export const previewCampaign = (id) => request({ method: 'post', url: campaignPath(id, '/preview'), data: {} })

/** POST /api/campaigns/{id}/send → {status: "sending"|"scheduled", status_note, next_start}; 409 with blocking */
export const sendCampaign = (id) => request({ method: 'post', url: campaignPath(id, '/send'), data: {} })

/** POST /api/campaigns/{id}/pause → {status, status_note} */
export const pauseCampaign = (id) => request({ method: 'post', url: campaignPath(id, '/pause'), data: {} })

/** POST /api/campaigns/{id}/resume → {status, status_note} */
export const resumeCampaign = (id) => request({ method: 'post', url: campaignPath(id, '/resume'), data: {} })

/** GET /api/campaigns/{id}/messages?status=&page=&size= → {items: [message], total} */
export const listCampaignMessages = (id, { status = '', page = 1, size = 20 } = {}) =>
  request({ method: 'get', url: campaignPath(id, '/messages'), params: withStatus(status, { page, size }) })

/** GET /api/campaigns/{id}/excluded/{reason} → xlsx (客户编码, 姓名, 手机号, 原因) as a Blob */
export const downloadExcluded = (id, reason) =>
  request({ method: 'get', url: campaignPath(id, `/excluded/${encodeURIComponent(reason)}`),
    responseType: 'blob', headers: { Accept: XLSX_TYPE } })

/** GET /api/campaigns/{id}/report → counts, cost, opt-outs and the 7/30-day sent-vs-control outcome */
export const getCampaignReport = (id) => request({ method: 'get', url: campaignPath(id, '/report') })
