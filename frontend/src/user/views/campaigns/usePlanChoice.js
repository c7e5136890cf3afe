// The optional plan of a new campaign: the plans offered (those for the chosen classes first) and, once one is
// chosen, its SMS texts so a matching template can be picked or made.
import { onMounted, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { errorText } from '@/shared/errorText'

const PLAN_PAGE = 100

/** `classes`: the RFM classes the campaign targets; plans for them are marked `fits` and listed first. */
export function usePlanChoice({ listPlans, getPlan, classes = [] }) {
  const plans = ref([])
  const planTexts = ref([])
  const planName = ref('')
  let chosen = null // a plan opened by link may lie beyond the first page: it is listed all the same

  const withChosen = (list) => (chosen && !list.some((p) => p.plan_id === chosen.plan_id) ? [chosen, ...list] : list)

  async function load() {
    try {
      const items = (await listPlans({ size: PLAN_PAGE })).items || []
      const fits = (plan) => (plan.target_classes || []).some((name) => classes.includes(name))
      plans.value = withChosen(items.map((plan) => ({ ...plan, fits: fits(plan) })).sort((a, b) => Number(b.fits) - Number(a.fits)))
    } catch (e) {
      ElMessage.error(`营销方案加载失败：${errorText(e)}`)
    }
  }

  /** Reads the chosen plan (none: clears); resolves the plan or null. */
  async function choosePlan(planId) {
    planTexts.value = []
    planName.value = ''
    if (!planId) return null
    try {
      const plan = await getPlan(planId)
      planTexts.value = (plan.sms_texts || []).map((sms) => sms.text).filter(Boolean)
      planName.value = plan.name
      chosen = { ...plan, fits: false }
      plans.value = withChosen(plans.value)
      return plan
    } catch (e) {
      ElMessage.error(`方案加载失败：${errorText(e)}`)
      return null
    }
  }

  onMounted(load)
  return { plans, planTexts, planName, choosePlan }
}
