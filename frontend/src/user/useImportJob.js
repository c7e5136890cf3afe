// Follows one import job: GET /api/imports/{id} about every second until it finishes.
import { onBeforeUnmount, ref } from 'vue'
import { getImport } from '@/api/imports'
import { isFinished } from './importJob'

const MAX_FAILURES = 3 // a brief network hiccup should not end the watch

export function useImportJob(interval = 1000) {
  const job = ref(null)
  const error = ref(null)
  const polling = ref(false)
  let timer = null
  let run = 0 // a newer watch() or stop() makes older answers stale

  function stop() {
    run += 1
    clearTimeout(timer)
    polling.value = false
  }

  async function poll(current, id, failures) {
    try {
      const answer = await getImport(id)
      if (current !== run) return
      job.value = answer
      error.value = null
      if (isFinished(answer)) return stop()
      timer = setTimeout(() => poll(current, id, 0), interval)
    } catch (e) {
      if (current !== run) return
      if (e.sessionRefused || e.status === 404 || failures + 1 >= MAX_FAILURES) {
        error.value = e
        return stop()
      }
      timer = setTimeout(() => poll(current, id, failures + 1), interval * 2)
    }
  }

  /** Starts following `id`; `initial` (e.g. a list row) is shown until the first answer. */
  function watch(id, initial = null) {
    stop()
    job.value = initial
    error.value = null
    polling.value = true
    poll(run, id, 0)
  }

  onBeforeUnmount(stop)
  return { job, error, polling, watch, stop }
}
