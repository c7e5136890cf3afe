// Client-side field rules mirroring the server's; the server stays the judge.
export const LICENSE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const LICENSE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export const DEFAULT_PASSWORD_RULE = '8–64 位，须同时包含字母和数字，不能与登录名相同'
export const DEFAULT_USERNAME_RULE = '4–32 位，以字母开头，可含字母、数字、下划线、点或短横线'

/** GB 32100-2015 check character for the first 17 characters. */
export function licenseCheckChar(first17) {
  const sum = [...first17].reduce((acc, ch, i) => acc + LICENSE_CHARSET.indexOf(ch) * LICENSE_WEIGHTS[i], 0)
  return LICENSE_CHARSET[(31 - (sum % 31)) % 31]
}

/** '' when the unified social credit code is valid, else a Chinese message. */
export function licenseNoProblem(raw) {
  const code = (raw || '').trim().toUpperCase()
  if (!code) return '请填写统一社会信用代码'
  if (code.length !== 18) return `统一社会信用代码应为 18 位，当前为 ${code.length} 位`
  const bad = [...new Set([...code].filter((ch) => !LICENSE_CHARSET.includes(ch)))]
  if (bad.length) return `统一社会信用代码含有无效字符：${bad.join('')}（不使用 I、O、S、V、Z）`
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '统一社会信用代码第 3–8 位应为行政区划代码（数字）'
  if (licenseCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码校验位不正确，请核对营业执照上的代码'
  return ''
}

export const normalizeMobile = (raw) => (raw || '').replace(/[\s-]/g, '').replace(/^\+?86/, '')

export function mobileProblem(raw) {
  const mobile = normalizeMobile(raw)
  if (!mobile) return '请填写手机号'
  return /^1[3-9]\d{9}$/.test(mobile) ? '' : '手机号格式不正确，请输入 11 位中国大陆手机号'
}

export function usernameProblem(raw) {
  const name = (raw || '').trim()
  if (!name) return '请填写登录名'
  return /^[A-Za-z][A-Za-z0-9_.-]{3,31}$/.test(name) ? '' : `登录名格式不正确：${DEFAULT_USERNAME_RULE}`
}

/** Each password condition and whether it is met, for the live checklist. */
export function passwordChecks(password, username = '') {
  const value = password || ''
  return [
    { key: 'length', label: '8–64 位', ok: value.length >= 8 && value.length <= 64 },
    { key: 'letter', label: '包含字母', ok: /[A-Za-z]/.test(value) },
    { key: 'digit', label: '包含数字', ok: /\d/.test(value) },
    { key: 'username', label: '不能与登录名相同', ok: Boolean(value) && value.toLowerCase() !== (username || '').trim().toLowerCase() },
  ]
}

export function passwordProblem(password, username = '') {
  if (!password) return '请填写密码'
  const failed = passwordChecks(password, username).find((c) => !c.ok)
  if (!failed) return ''
  return failed.key === 'username' ? '密码不能与登录名相同' : `密码不符合要求：${DEFAULT_PASSWORD_RULE}`
}

/** Turns a `(value) => problem` check into an Element Plus form rule (marked required for the asterisk). */
export function ruleFrom(check, trigger = 'blur') {
  return {
    trigger,
    required: true,
    validator: (_rule, value, callback) => {
      const problem = check(value)
      problem ? callback(new Error(problem)) : callback()
    },
  }
}

export function requiredText(label, max) {
  return ruleFrom((value) => {
    const text = (value || '').trim()
    if (!text) return `请填写${label}`
    return text.length > max ? `${label}最多 ${max} 个字，当前 ${text.length} 个字` : ''
  })
}

export const smsCodeProblem = (code) => (/^\d{6}$/.test(code || '') ? '' : '请输入 6 位数字验证码')

/** Form rules for the company fields shared by registration and the profile page. */
export const companyRules = () => ({
  company_name: [requiredText('企业名称', 100)],
  contact_name: [requiredText('联系人', 30)],
  contact_phone: [ruleFrom(mobileProblem)],
  license_no: [ruleFrom(licenseNoProblem)],
  region: [ruleFrom((v) => (v?.province && v?.city ? '' : '请选择所在地区（省份和城市）'), 'change')],
  industry: [ruleFrom((v) => (v ? '' : '请选择所属行业'), 'change')],
})

/** Upper-case, no spaces: how a licence number is typed in. */
export const licenseInput = (value) => String(value || '').toUpperCase().replace(/\s/g, '')

/** The company fields of a form, tidied the way the API expects them. */
export const companyPayload = (form) => ({
  company_name: form.company_name.trim(),
  contact_name: form.contact_name.trim(),
  contact_phone: normalizeMobile(form.contact_phone),
  license_no: form.license_no.trim().toUpperCase(),
  region: form.region,
  industry: form.industry,
})
