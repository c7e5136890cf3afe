// What staff may do with a plan in each status, and the one way an action is confirmed, run and reported.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { approvePlan, rejectPlan, restorePlan, takeDownPlan } from '@/api/adminPlans'
import { confirmed } from '@/shared/confirm'
import { errorText } from '@/shared/errorText'

const short = (name) => (name && name.length > 40 ? `${name.slice(0, 40)}…` : name || '该方案')

export const PLAN_ACTIONS = [
  {
    key: 'approve', label: '通过', button: 'success', from: ['pending'],
    ask: (p) => confirmed(`确定通过「${short(p.name)}」吗？通过后方案会出现在方案市场。`, '审核通过'),
    run: (p) => approvePlan(p.plan_id),
    done: '方案已通过，已出现在方案市场',
  },
  {
    // The reason comes from RejectDialog, so there is no confirm box.
    key: 'reject', label: '驳回', button: 'danger', from: ['pending'], needsReason: true,
    run: (p, reason) => rejectPlan(p.plan_id, reason),
    done: '方案已驳回，作者会在“我的方案”看到驳回原因',
  },
  {
    key: 'take-down', label: '下架', button: 'warning', from: ['approved'],
    ask: (p) => confirmed(`下架后「${short(p.name)}」将不再出现在方案市场，确定下架吗？`, '下架方案', { danger: true }),
    run: (p) => takeDownPlan(p.plan_id),
    done: '方案已下架',
  },
  {
    // A tenant's plan comes back only when its author resubmits it.
    key: 'restore', label: '重新上架', button: 'primary', from: ['withdrawn'], platformOnly: true,
    ask: (p) => confirmed(`确定重新上架「${short(p.name)}」吗？上架后企业可以在方案市场看到它。`, '重新上架'),
    run: (p) => restorePlan(p.plan_id),
    done: '方案已重新上架',
  },
]

export const actionFor = (key) => PLAN_ACTIONS.find((a) => a.key === key)
/** The actions open to staff for this plan. */
export const actionsFor = (plan) =>
  PLAN_ACTIONS.filter((a) => a.from.includes(plan.status) && (!a.platformOnly || plan.author_kind === 'platform'))

/**
 * `perform(action, plan, input)` asks, runs and reports the action. Resolves null when cancelled, else
 * {ok, plan}: either way the plan may have changed (another reviewer may have decided first).
 */
export function usePlanActions() {
  const acting = ref('')

  async function perform(action, plan, input) {
    if (acting.value) return null
    if (action.ask && !(await action.ask(plan))) return null
    acting.value = action.key
    try {
      const answer = await action.run(plan, input)
      ElMessage.success(action.done)
      return { ok: true, plan: answer.plan }
    } catch (error) {
      ElMessage.error(errorText(error))
      return { ok: false, plan: null }
    } finally {
      acting.value = ''
    }
  }

  return { acting, perform }
}
