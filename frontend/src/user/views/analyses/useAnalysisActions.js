// What can be done to one saved analysis from a list or its detail page: report, export, delete.
import { ref } from 'vue'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import { deleteAnalysis, exportAnalysis, setCurrentAnalysis } from '@/api/analyses'
import { confirmed } from '@/shared/confirm'
import { deliverExport } from '@/shared/exportJob'

export function useAnalysisActions() {
  const router = useRouter()
  const busyId = ref('')

  /** The printable report opens in a new tab, outside the portal frame. */
  function openReport(analysis) {
    const { href } = router.resolve({ name: 'analysis-report', params: { id: analysis.analysis_id } })
    window.open(href, '_blank', 'noopener')
  }

  /** Runs `action` with the row marked busy: true when it succeeded, false after showing why it failed. */
  async function busyWith(analysis, action, done, failed) {
    busyId.value = analysis.analysis_id
    try {
      await action()
      ElMessage.success(done)
      return true
    } catch (e) {
      ElMessage.error(`${failed}：${e.message}`)
      return false
    } finally {
      busyId.value = ''
    }
  }

  /** `analysis.store` set: the workbook of that store's customers. */
  function exportWorkbook(analysis) {
    const { start, end } = analysis.params || {}
    const store = analysis.store || ''
    const filename = `RFM分析${store ? `_${store}` : ''}_${start}_${end}.xlsx`
    const deliver = async () => deliverExport(await exportAnalysis(analysis.analysis_id, store), { filename, title: '正在导出分析报告' })
    return busyWith(analysis, deliver,
      '分析报告已开始下载', '导出失败')
  }

  /** Resolves true once deleted; false when cancelled or refused (the message is shown). */
  async function remove(analysis) {
    const { start, end } = analysis.params || {}
    const effect = analysis.current
      ? '它是当前分类的来源：删除后，客户分类将改为按其余分析中窗口结束日最晚的一次（没有其余分析时恢复为“未分析”）。'
      : '客户当前的分类不会改变。'
    const ok = await confirmed(
      `确定删除 ${start} 至 ${end} 的分析快照吗？删除后不可恢复，${effect}`,
      '删除分析记录',
      { confirmText: '删除', danger: true },
    )
    if (!ok) return false
    return busyWith(analysis, () => deleteAnalysis(analysis.analysis_id), '分析记录已删除', '删除失败')
  }

  /** 设为当前分类; resolves true once accepted (the classes then update in the background). */
  async function makeCurrent(analysis) {
    const { start, end } = analysis.params || {}
    const ok = await confirmed(
      `确定把客户分类改为按 ${start} 至 ${end} 的分析吗？之后保存窗口更晚的分析时，分类会自动改用更新的分析。`,
      '设为当前分类',
      { confirmText: '设为当前分类' },
    )
    if (!ok) return false
    return busyWith(analysis, () => setCurrentAnalysis(analysis.analysis_id),
      '已设为当前分类，客户分类正在后台更新', '设置失败')
  }

  return { busyId, openReport, exportWorkbook, remove, makeCurrent }
}
