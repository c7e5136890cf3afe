export const TENANT_STATUSES = [
  { value: 'pending', label: '待审核', tag: 'warning' },
  { value: 'approved', label: '已通过', tag: 'success' },
  { value: 'rejected', label: '未通过', tag: 'danger' },
  { value: 'disabled', label: '已禁用', tag: 'info' },
]

export const statusInfo = (status) =>
  TENANT_STATUSES.find((s) => s.value === status) || { value: status, label: status || '未知', tag: 'info' }

export const FIELD_LABELS = {
  company_name: '企业名称',
  contact_name: '联系人',
  contact_phone: '联系手机',
  license_no: '统一社会信用代码',
  region: '所在地区',
  industry: '所属行业',
}

export const DEFAULT_INDUSTRIES = ['医药', '零售', '餐饮', '美妆个护', '母婴', '服装', '教育培训', '其他']
