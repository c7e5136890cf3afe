// An ECharts instance tied to an element's life: created on mount, resized with it, disposed on unmount.
import { onBeforeUnmount, onMounted } from 'vue'
import * as echarts from 'echarts/core'

/** Calls `render(chart)` once mounted; returns `redraw()` for later data changes. `setup(chart)` adds listeners. */
export function useEChart(el, render, setup) {
  let chart = null
  let observer = null

  const redraw = () => { if (chart) render(chart) }

  onMounted(() => {
    chart = echarts.init(el.value)
    setup?.(chart)
    redraw()
    observer = new ResizeObserver(() => chart?.resize())
    observer.observe(el.value)
  })
  onBeforeUnmount(() => {
    observer?.disconnect()
    chart?.dispose()
    chart = null
  })

  return redraw
}
