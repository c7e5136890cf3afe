import { tokenStore } from '@/api/http'

export const tokens = tokenStore('jzyx_admin_token')

export const ROLE_LABELS = { admin: '超级管理员', customer_service: '客服', plan_reviewer: '方案审核员' }
export const STAFF_ROLES = Object.keys(ROLE_LABELS)
/** Who may use each area (mirrors the API's role checks). */
export const AREA_ROLES = {
  tenants: ['admin', 'customer_service'],
  staff: ['admin'],
  plans: ['admin', 'plan_reviewer'],
  dictionaries: ['admin'],
  fees: ['admin', 'customer_service'],
  data: ['admin', 'customer_service'],
  audit: ['admin'],
}
