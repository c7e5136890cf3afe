// ElTable has no per-row attribute hook; tag rendered rows after each data change so tests can find them.
// The table itself may appear later (a ListBlock shows it only once there are rows), so its arrival counts too.
import { nextTick, watch } from 'vue'

export function useRowTestIds(tableRef, rows, testId, idOf) {
  watch(
    [rows, tableRef],
    async () => {
      await nextTick()
      const trs = tableRef.value?.$el?.querySelectorAll('.el-table__body-wrapper tr.el-table__row') || []
      trs.forEach((tr, index) => {
        tr.setAttribute('data-testid', testId)
        const row = rows.value[index]
        if (row && idOf) tr.setAttribute('data-row-id', idOf(row))
      })
    },
    { flush: 'post', deep: false },
  )
}
