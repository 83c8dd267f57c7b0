// One ECharts instance bound to an element: made when the component mounts, given a
// fresh option whenever what `option` reads changes, resized with its element and
// disposed when the component goes. Charts register the ECharts parts they use.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'
import * as echarts from 'echarts/core'

export function useEChart(el: Ref<HTMLElement | undefined>, option: () => echarts.EChartsCoreOption): void {
  let chart: echarts.ECharts | null = null
  let observer: ResizeObserver | null = null

  onMounted(() => {
    if (!el.value) {
      return
    }
    chart = echarts.init(el.value)
    chart.setOption(option())
    observer = new ResizeObserver(() => chart?.resize())
    observer.observe(el.value)
  })

  watch(option, (next) => chart?.setOption(next, { notMerge: true }))

  onBeforeUnmount(() => {
    observer?.disconnect()
    chart?.dispose()
    chart = null
  })
}
