import { onBeforeUnmount, ref } from 'vue'

/** A seconds counter that ticks down to 0 and stops when the component goes away. */
export function useCountdown() {
  const seconds = ref(0)
  let timer = null

  function stop() {
    if (timer) clearInterval(timer)
    timer = null
  }

  function start(total) {
    stop()
    seconds.value = Math.max(0, Math.ceil(Number(total) || 0))
    if (!seconds.value) return
    timer = setInterval(() => {
      seconds.value -= 1
      if (seconds.value <= 0) stop()
    }, 1000)
  }

  onBeforeUnmount(stop)
  return { seconds, start, stop }
}

/** Seconds to wait from a 429 answer's `retry_after` detail, or `fallback`. */
export function retryAfter(error, fallback = 60) {
  const detail = (error?.details || []).find((d) => d?.field === 'retry_after')
  const value = Number(detail?.message)
  return Number.isFinite(value) && value > 0 ? value : fallback
}
