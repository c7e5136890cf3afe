// What staff may do with a tenant in each status, and how each action is confirmed.
import { ElMessageBox } from 'element-plus'
import { approveTenant, disableTenant, enableTenant, rejectTenant } from '@/api/admin'

const short = (name) => (name && name.length > 40 ? `${name.slice(0, 40)}…` : name || '该企业')

export const TENANT_ACTIONS = [
  {
    key: 'approve', label: '审核通过', button: 'success', from: ['pending', 'rejected'],
    ask: (t) => confirm(`确定审核通过「${short(t.company_name)}」吗？通过后该企业即可登录使用。`, '审核通过'),
    run: (t) => approveTenant(t.tenant_id),
    done: '已审核通过',
  },
  {
    key: 'reject', label: '审核不通过', button: 'danger', from: ['pending'],
    ask: (t) => ElMessageBox.prompt(`请填写「${short(t.company_name)}」审核不通过的原因，客服回访时会告知企业。`, '审核不通过', {
      confirmButtonText: '确定不通过', cancelButtonText: '取消', inputType: 'textarea', inputPlaceholder: '不通过原因（必填）',
      inputValidator: (v) => (!v || !v.trim() ? '请填写不通过的原因' : v.trim().length > 500 ? '原因最多 500 个字' : true),
    }).then(({ value }) => value.trim()),
    run: (t, reason) => rejectTenant(t.tenant_id, reason),
    done: '已标记为审核不通过',
  },
  {
    key: 'disable', label: '禁用', button: 'warning', from: ['approved'],
    ask: (t) => confirm(`禁用后「${short(t.company_name)}」将无法登录，确定禁用吗？`, '禁用企业'),
    run: (t) => disableTenant(t.tenant_id),
    done: '企业已禁用',
  },
  {
    key: 'enable', label: '重新启用', button: 'primary', from: ['disabled'],
    ask: (t) => confirm(`确定重新启用「${short(t.company_name)}」吗？启用后该企业可以再次登录。`, '重新启用'),
    run: (t) => enableTenant(t.tenant_id),
    done: '企业已重新启用',
  },
]

function confirm(message, title) {
  return ElMessageBox.confirm(message, title, { confirmButtonText: '确定', cancelButtonText: '取消', type: 'warning' })
}

export const actionsFor = (status) => TENANT_ACTIONS.filter((a) => a.from.includes(status))
