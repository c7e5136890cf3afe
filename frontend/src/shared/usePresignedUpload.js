// One file picked in an <input type="file"> and sent straight to storage by a presigned POST, with progress.
// A newer pick or a removal makes an upload still in flight forget its answer.
import { ref } from 'vue'
import { postToPresigned } from '@/api/upload'

/**
 * `key` and `state` are the component's models: the storage key once uploaded ('' otherwise) and
 * idle | uploading | done | error. `check(file)` says what is wrong with a file ('' when fine);
 * `request(file)` asks the API for {key, upload}; `what` names the file in messages (附件, 图片);
 * `timeout` (ms) 0 waits as long as the upload takes; left out, postToPresigned's default.
 */
export function usePresignedUpload({ key, state, check, request, what, timeout }) {
  const file = ref(null)
  const progress = ref(0)
  const problem = ref('')
  let attempt = 0

  function pick(event) {
    const chosen = event.target.files?.[0]
    event.target.value = '' // picking the same file again still fires change
    if (!chosen) return
    problem.value = check(chosen)
    if (problem.value) return
    file.value = chosen
    upload()
  }

  async function upload() {
    const current = ++attempt
    key.value = ''
    state.value = 'uploading'
    progress.value = 0
    problem.value = ''
    try {
      const chosen = file.value
      const answer = await request(chosen)
      if (current !== attempt) return
      const onProgress = (p) => { if (current === attempt) progress.value = p }
      await postToPresigned(answer.upload, chosen, onProgress, { what, timeout })
      if (current !== attempt) return
      key.value = answer.key
      state.value = 'done'
    } catch (error) {
      if (current !== attempt) return
      state.value = 'error'
      problem.value = error.details?.find((d) => d.message)?.message || error.message || `${what}上传失败，请重试`
    }
  }

  function remove() {
    attempt += 1
    file.value = null
    key.value = ''
    state.value = 'idle'
    problem.value = ''
  }

  return { file, progress, problem, pick, upload, remove }
}
