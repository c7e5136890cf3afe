// 发送, 暂停 and 继续 of a campaign: send asks first, naming how many customers and what it costs.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { pauseCampaign, resumeCampaign, sendCampaign } from '@/api/campaigns'
import { confirmed } from '@/shared/confirm'
import { errorText } from '@/shared/errorText'
import { formatCount } from '@/shared/format'
import { formatChinaTime } from '@/shared/time'
import { formatMoney } from '../../components/rfmFormat'

function sendQuestion(preview, sendAt) {
  const scheduled = sendAt && new Date(sendAt).getTime() > Date.now()
  const who = `${formatCount(preview.recipients)} 位客户`
  const what = `计费 ${formatCount(preview.parts_total)} 条短信，预计费用 ${formatMoney(preview.estimated_cost_yuan)}。`
  if (scheduled) {
    return `将于 ${formatChinaTime(sendAt)} 向 ${who}定时发送短信，${what}开始前可以暂停；开始后已发出的短信不能撤回。确定安排发送吗？`
  }
  const when = preview.send_window?.allowed ? '' : `现在不在发送时段，将于 ${preview.send_window?.start} 开始发送。`
  return `将向 ${who}发送短信，${what}${when}已发出的短信不能撤回，确定发送吗？`
}

/** `after()` runs once an action went through or was refused (the page reads the campaign again). */
export function useCampaignActions(id, after) {
  const busy = ref('')

  async function run(kind, action, success) {
    busy.value = kind
    try {
      const answer = await action(id.value)
      ElMessage.success(answer.status_note || success)
    } catch (e) {
      ElMessage.error(`${success.replace(/^已/, '')}失败：${errorText(e)}`)
    } finally {
      busy.value = ''
      after()
    }
  }

  /** `sendAt`: the campaign's send time, when it has one. */
  async function send(preview, sendAt = null) {
    if (!(await confirmed(sendQuestion(preview, sendAt), '确认发送', { confirmText: '发送' }))) return
    await run('send', sendCampaign, '已开始发送')
  }

  const pause = () => run('pause', pauseCampaign, '已暂停发送')
  const resume = () => run('resume', resumeCampaign, '已继续发送')
  return { busy, send, pause, resume }
}
