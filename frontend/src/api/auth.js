import { request } from './http'

const post = (url, data) => request({ method: 'post', url, data, auth: false })

/** POST /api/auth/license-upload → {key, upload: {url, fields}} */
export const requestLicenseUpload = ({ filename, content_type, size }) =>
  post('/api/auth/license-upload', { filename, content_type, size })

/** POST /api/auth/register → 201 {tenant_id, status} */
export const register = (form) => post('/api/auth/register', form)

/** POST /api/auth/login → {challenge_id, masked_mobile, expires_in, resend_after} */
export const login = ({ username, password }) => post('/api/auth/login', { username, password })

/** POST /api/auth/resend → {challenge_id, masked_mobile, expires_in, resend_after} */
export const resendCode = (challengeId) => post('/api/auth/resend', { challenge_id: challengeId })

/** POST /api/auth/verify → {token, role, tenant_id, username, display_name, expires_at} */
export const verifyCode = (challengeId, code) => post('/api/auth/verify', { challenge_id: challengeId, code })

/** POST /api/auth/password-reset → {challenge_id, expires_in, resend_after} */
export const startPasswordReset = ({ username, mobile }) => post('/api/auth/password-reset', { username, mobile })

/** POST /api/auth/password-reset/confirm → {ok} */
export const confirmPasswordReset = ({ challenge_id, code, new_password }) =>
  post('/api/auth/password-reset/confirm', { challenge_id, code, new_password })
