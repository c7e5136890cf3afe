// Exports (issue 14): a small export answers the file itself (a Blob or a presigned link); a large one answers a
// job. deliverExport handles both: a job is polled with a progress dialog (ExportJobDialog, mounted once in the
// portal layout) and its file downloads as soon as it is ready.
import { reactive } from 'vue'
import { getExportJob } from '@/api/exports'
import { downloadUrl, saveBlob } from './download'

const POLL_MS = 1500
const FAILED = '导出失败，请稍后重新导出'

/** What the progress dialog shows; `visible` false hides it while the job keeps running. */
export const exportProgress = reactive({ visible: false, title: '', label: '', progress: 0 })

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** The job inside a Blob answer (a 202 with JSON), or null when the Blob is the file itself. */
async function jobInBlob(blob) {
  if (!blob.type.includes('json')) return null
  const data = JSON.parse(await blob.text())
  return data && data.job_id ? data : null
}

function show(job) {
  exportProgress.label = job.status_label || '排队中'
  exportProgress.progress = Math.max(0, Math.min(100, Number(job.progress) || 0))
}

/** Polls the job until it is done (resolves the job with its link) or failed (throws its message). */
async function finished(job, title) {
  Object.assign(exportProgress, { visible: true, title })
  show(job)
  try {
    while (job.status !== 'done') {
      if (job.status === 'failed') throw new Error(job.error || FAILED)
      await sleep(POLL_MS)
      job = await getExportJob(job.job_id)
      show(job)
    }
    return job
  } finally {
    exportProgress.visible = false
  }
}

/**
 * Delivers an export's answer: a Blob is saved as `filename`, a link downloads at once, a job is waited for
 * (progress shown under `title`) and then downloaded. Resolves {filename, count}; throws with a Chinese message.
 */
export async function deliverExport(answer, { filename = '', title = '正在导出' } = {}) {
  if (typeof Blob !== 'undefined' && answer instanceof Blob) {
    const job = await jobInBlob(answer)
    if (!job) {
      saveBlob(answer, filename)
      return { filename, count: null }
    }
    answer = job
  }
  const ready = answer.job_id ? await finished(answer, title) : answer
  downloadUrl(ready.url, ready.filename)
  return { filename: ready.filename, count: ready.count ?? null }
}
