// One run of the import page: ask for a presigned upload, send the file, then follow the job.
import { computed, ref } from 'vue'
import { createImport, retryImport } from '@/api/imports'
import { ApiError } from '@/api/http'
import { postToPresigned } from '@/api/upload'
import { formatBytes } from '@/shared/format'
import { useImportJob } from '../../useImportJob'

export function useImportRun() {
  const tracker = useImportJob()
  /** idle | creating | uploading | processing */
  const phase = ref('idle')
  const uploadPercent = ref(0)
  const failure = ref(null) // the run stopped before a job could be followed
  const lastRun = ref(null) // {kind, file, dryRun, importId}
  let attempt = 0

  const busy = computed(() => ['creating', 'uploading'].includes(phase.value) || tracker.polling.value)

  async function start({ kind, file, dryRun }) {
    const current = ++attempt
    tracker.stop()
    tracker.job.value = null
    tracker.error.value = null
    failure.value = null
    uploadPercent.value = 0
    lastRun.value = { kind, file, dryRun, importId: '' }
    phase.value = 'creating'
    try {
      const answer = await createImport({ kind, filename: file.name, dry_run: dryRun })
      if (current !== attempt) return
      if (answer.max_bytes && file.size > answer.max_bytes) {
        throw new ApiError({ code: 'FILE_TOO_LARGE', message: `文件不能超过 ${formatBytes(answer.max_bytes)}，当前为 ${formatBytes(file.size)}` })
      }
      lastRun.value = { ...lastRun.value, importId: answer.import_id }
      phase.value = 'uploading'
      const onProgress = (p) => { if (current === attempt) uploadPercent.value = p }
      await postToPresigned(answer.upload, file, onProgress, { what: '文件', timeout: 0 })
      if (current !== attempt) return
      phase.value = 'processing'
      tracker.watch(answer.import_id)
    } catch (e) {
      if (current !== attempt) return
      failure.value = e
      phase.value = 'idle'
    }
  }

  /** Imports the file of job `importId` again on the server (after a column mapping), without uploading it. */
  async function again(importId) {
    const current = ++attempt
    tracker.stop()
    failure.value = null
    phase.value = 'creating'
    try {
      const answer = await retryImport(importId)
      if (current !== attempt) return
      lastRun.value = { ...lastRun.value, importId: answer.import_id }
      phase.value = 'processing'
      tracker.watch(answer.import_id, answer)
    } catch (e) {
      if (current !== attempt) return
      failure.value = e
      phase.value = 'idle'
    }
  }

  /** Follows the same job again after polling gave up (e.g. a network drop). */
  function resume() {
    if (lastRun.value?.importId) tracker.watch(lastRun.value.importId, tracker.job.value)
  }

  return { phase, uploadPercent, failure, lastRun, busy, job: tracker.job, trackError: tracker.error, start, again, resume }
}
