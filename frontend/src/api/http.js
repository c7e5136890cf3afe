// The one HTTP client. Each portal calls initHttp() once with its own token store;
// the api/*.js modules then call request() and never see tokens or base URLs.
import axios from 'axios'

const NETWORK_MESSAGE = '网络错误，请检查网络后重试'
const FALLBACK_BY_STATUS = {
  400: ['BAD_REQUEST', '提交的信息有误，请检查后重试'],
  401: ['UNAUTHORIZED', '登录已过期，请重新登录'],
  403: ['FORBIDDEN', '您的账号没有权限执行此操作'],
  404: ['NOT_FOUND', '请求的内容不存在或已被删除'],
  409: ['CONFLICT', '数据已被修改，请刷新后重试'],
  413: ['PAYLOAD_TOO_LARGE', '提交的内容过大，请精简后重试'],
  423: ['ACCOUNT_LOCKED', '账号已被临时锁定，请稍后再试'],
  429: ['TOO_MANY_REQUESTS', '操作过于频繁，请稍后再试'],
}

export class ApiError extends Error {
  constructor({ code, message, details = [], status = 0, sessionRefused = false }) {
    super(message)
    this.sessionRefused = sessionRefused
    this.name = 'ApiError'
    this.code = code
    this.details = Array.isArray(details) ? details : []
    this.status = status
  }
}

/** A token kept in localStorage under `key` (each portal has its own). */
export function tokenStore(key) {
  return {
    get: () => localStorage.getItem(key) || '',
    set: (token) => localStorage.setItem(key, token),
    clear: () => localStorage.removeItem(key),
  }
}

// A signed-in call refused with these ends the session: the account or its tenant may no longer log in.
const ACCOUNT_REFUSALS = new Set(['ACCOUNT_DISABLED', 'TENANT_DISABLED', 'TENANT_PENDING', 'TENANT_REJECTED',
  'TENANT_UNAVAILABLE'])

/**
 * Whether a refusal means "log in again": only for a call that carried the session token, never for
 * the login steps themselves (a wrong password is a 401 too) nor for a wrong old password.
 */
function endsSession(config, status, code) {
  const sentToken = Boolean(config?.headers?.Authorization)
  const authCall = /^\/api\/auth\//.test(String(config?.url || ''))
  if (!sentToken || authCall) return false
  if (status === 401) return code !== 'BAD_CREDENTIALS'
  return status === 403 && ACCOUNT_REFUSALS.has(code)
}

/** Turns any axios failure into an ApiError with a Chinese message. */
export function toApiError(error) {
  if (error instanceof ApiError) return error
  const response = error?.response
  if (!response) {
    const timedOut = error?.code === 'ECONNABORTED' || error?.code === 'ETIMEDOUT'
    return new ApiError({ code: 'NETWORK_ERROR', message: timedOut ? '请求超时，请检查网络后重试' : NETWORK_MESSAGE })
  }
  const { status } = response
  const data = response.data && typeof response.data === 'object' ? response.data : {}
  const [fallbackCode, fallbackMessage] = FALLBACK_BY_STATUS[status] ||
    (status >= 500 ? ['SERVER_ERROR', '服务器开小差了，请稍后重试'] : ['HTTP_ERROR', `请求失败（${status}），请稍后重试`])
  // Our answers carry {code, message, details}: show the server's own words. API Gateway's and
  // chalice's own bodies ({"message": "Too Many Requests"}, {"Message": ...}) are English: word them by status.
  const ours = typeof data.code === 'string' && data.code
  const message = ours && typeof data.message === 'string' && data.message ? data.message : fallbackMessage
  const code = ours ? data.code : fallbackCode
  return new ApiError({
    code, message, details: ours ? data.details : [], status,
    sessionRefused: endsSession(error.config, status, code),
  })
}

let client = null

// A download (responseType 'blob') that fails carries our JSON error as a Blob: read it, so the
// user sees the server's message rather than the generic one.
async function readBlobError(error) {
  const data = error?.response?.data
  if (typeof Blob === 'undefined' || !(data instanceof Blob) || !data.type.includes('json')) return
  try {
    error.response.data = JSON.parse(await data.text())
  } catch {
    // not JSON after all: keep the fallback message
  }
}

/** The absolute address of an API path, for instructions shown to people (calls go through request()). */
export function apiUrl(path) {
  const base = (window.APP_CONFIG?.apiBase || window.location.origin).replace(/\/+$/, '')
  return `${base}${path}`
}

/** Creates the portal's axios instance; `onUnauthorized(apiError)` runs when a signed-in call finds its session ended. */
export function initHttp({ tokens, onUnauthorized }) {
  client = axios.create({
    baseURL: window.APP_CONFIG?.apiBase || '',
    timeout: 20000,
    headers: { 'Content-Type': 'application/json' },
  })
  client.interceptors.request.use((config) => {
    const token = config.auth === false ? '' : tokens.get()
    if (token) config.headers.Authorization = `Bearer ${token}`
    return config
  })
  client.interceptors.response.use(
    (response) => response,
    async (error) => {
      await readBlobError(error)
      const apiError = toApiError(error)
      if (apiError.sessionRefused) {
        tokens.clear()
        onUnauthorized?.(apiError)
      }
      return Promise.reject(apiError)
    },
  )
  return client
}

/** Sends one request and resolves with the response body. `auth: false` marks public endpoints. */
export async function request(config) {
  if (!client) throw new Error('initHttp() must run before any API call')
  const response = await client.request(config)
  return response.data
}
