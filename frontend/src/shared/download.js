// Saving files the API hands us, in a way the browser (and a test) sees as a download.

function clickLink(href, filename) {
  const link = document.createElement('a')
  link.href = href
  if (filename) link.download = filename
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
}

/** Saves a Blob under `filename`. */
export function saveBlob(blob, filename) {
  const href = URL.createObjectURL(blob)
  clickLink(href, filename)
  // The click has started the download by the next tick; free the memory afterwards.
  setTimeout(() => URL.revokeObjectURL(href), 1000)
}

/** Starts downloading a (presigned) URL without leaving the page: a spreadsheet is never shown inline. */
export function downloadUrl(url, filename = '') {
  clickLink(url, filename)
}
