// A plan form page in either portal (new at /plans/…, edit at /plans/:id/edit): the plan being edited loaded and
// filled in, the rules and pick lists, a free plan's price kept at 0, and a submit that waits for the upload.
import { computed, reactive, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import { ElMessage } from 'element-plus'
import { useServerErrors, useSubmit } from '@/shared/formErrors'
import { useLoad } from '@/shared/useLoad'
import { ALL_INDUSTRIES, emptyForm, FIELDS, formFromPlan, formRules } from './planForm'
import { usePlanOptions } from './usePlanOptions'

/**
 * `getPlan(id)` loads the plan to edit; a new plan starts with `industry()`; `verb` (提交, 保存) ends the
 * messages that hold a submit back. `submit(save)` validates, then awaits `save()` with server errors on fields.
 */
export function usePlanForm({ getPlan, industry = () => ALL_INDUSTRIES, verb }) {
  const route = useRoute()
  const options = usePlanOptions()
  const editId = computed(() => String(route.params.id || ''))
  const existing = useLoad(() => getPlan(editId.value))
  const formRef = ref()
  const form = reactive(emptyForm(industry()))
  const uploadState = ref('idle')
  const server = useServerErrors(FIELDS)
  const rules = formRules(form)
  const industries = computed(() => [ALL_INDUSTRIES, ...options.industries.filter((name) => name !== ALL_INDUSTRIES)])
  const { busy, submit: send } = useSubmit(formRef, server)

  watch(editId, async (id) => {
    Object.assign(form, emptyForm(industry()))
    if (!id) return
    await existing.load()
    if (existing.data.value) Object.assign(form, formFromPlan(existing.data.value))
  }, { immediate: true })

  watch(() => form.paid, (paid) => { if (!paid) form.price_yuan = 0 })

  function submit(save) {
    if (uploadState.value === 'uploading') return ElMessage.warning(`附件正在上传，请稍候再${verb}`)
    if (uploadState.value === 'error') return ElMessage.error(`附件上传失败，请重试或移除后再${verb}`)
    return send(save)
  }

  return { options, editId, existing, formRef, form, uploadState, server, rules, industries, busy, submit }
}
