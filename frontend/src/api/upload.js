// Browser-to-storage upload through a presigned POST: the API hands out {url, fields},
// the file goes straight to storage without our token.
import axios from 'axios'
import { ApiError } from './http'

/**
 * POSTs `file` to a presigned `upload` ({url, fields}); `onProgress` gets 0–100.
 * `what` names the file in error messages; `timeout` 0 waits as long as the upload takes.
 */
export async function postToPresigned(upload, file, onProgress, { what = '图片', timeout = 120000 } = {}) {
  const form = new FormData()
  Object.entries(upload.fields || {}).forEach(([name, value]) => form.append(name, value))
  form.append('file', file)
  try {
    await axios.post(upload.url, form, {
      timeout,
      onUploadProgress: (event) => {
        if (onProgress && event.total) onProgress(Math.min(100, Math.round((event.loaded / event.total) * 100)))
      },
    })
  } catch (error) {
    const message = error?.response ? `${what}上传失败，请稍后重试` : `${what}上传失败，请检查网络后重试`
    throw new ApiError({ code: 'UPLOAD_FAILED', message, status: error?.response?.status || 0 })
  }
  onProgress?.(100)
}
