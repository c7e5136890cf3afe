// 导出外呼名单: the call list of a saved segment or of rules not saved yet, downloaded as xlsx (a large one after its job).
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { exportRules, exportSegment } from '@/api/segments'
import { deliverExport } from '@/shared/exportJob'
import { errorText } from '@/shared/errorText'
import { formatCount } from '@/shared/format'

export function useCallList() {
  const exporting = ref(false)

  /** `source` is {segmentId} or {rules}; resolves true when the download started. */
  async function exportCallList(source) {
    exporting.value = true
    try {
      const answer = source.segmentId ? await exportSegment(source.segmentId) : await exportRules(source.rules)
      const { count } = await deliverExport(answer, { title: '正在导出外呼名单' })
      ElMessage.success(`外呼名单已导出（${formatCount(count)} 位客户），文件开始下载`)
      return true
    } catch (e) {
      ElMessage.error(`导出失败：${errorText(e)}`)
      return false
    } finally {
      exporting.value = false
    }
  }

  return { exporting, exportCallList }
}
