// 撤回 one's own plan after a confirmation; `busyId` marks the plan in flight.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { withdrawPlan } from '@/api/plans'
import { confirmed } from '@/shared/confirm'
import { errorText } from '@/shared/errorText'

export function useWithdraw() {
  const busyId = ref('')

  /** Resolves true once the plan is withdrawn. */
  async function withdraw(plan) {
    const approved = plan.status === 'approved'
    const message = approved
      ? `撤回后“${plan.name}”将从营销方案市场下架，其他企业不再能看到它。之后可以修改并重新提交审核。`
      : `撤回后“${plan.name}”不再等待审核。之后可以修改并重新提交。`
    if (busyId.value || !(await confirmed(message, '撤回方案', { confirmText: '撤回', danger: true }))) return false
    busyId.value = plan.plan_id
    try {
      await withdrawPlan(plan.plan_id)
      ElMessage.success('方案已撤回')
      return true
    } catch (error) {
      ElMessage.error(errorText(error))
      return false
    } finally {
      busyId.value = ''
    }
  }

  return { busyId, withdraw }
}
