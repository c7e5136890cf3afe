// The choices the value editors offer (saved analyses, stores, tags), loaded once per builder page and
// shared with every condition through provide/inject, so ten conditions make three requests, not thirty.
import { inject, provide, reactive } from 'vue'
import { listAnalyses } from '@/api/analyses'
import { listCustomers } from '@/api/customers'
import { listStores } from '@/api/stores'
import { RFM_CLASSES } from '@/shared/rfm'
import { snapshotLabel } from '../comparisons/snapshot'

const KEY = Symbol('segment rule options')
/** Tags the product keeps by itself; each is a condition of its own, so they can be picked like any tag. */
export const AUTO_TAGS = ['本月生日', '新客', ...RFM_CLASSES.map((c) => c.name)]
const MAX_ANALYSES = 100 // the API's largest page

async function settle(target, key, fetch) {
  try {
    target[key] = await fetch()
  } catch {
    target.failed.push(key)
  }
}

/** Loads the options and provides them to the ValueEditors below this component. */
export function provideRuleOptions() {
  const options = reactive({ analyses: [], stores: [], tags: [], failed: [] })
  settle(options, 'analyses', async () => (await listAnalyses({ page: 1, size: MAX_ANALYSES })).items
    .filter((a) => a.status !== 'preview')
    .map((a) => ({ id: a.analysis_id, label: snapshotLabel(a) })))
  settle(options, 'stores', async () => (await listStores()).items.map((s) => s.name))
  settle(options, 'tags', async () => (await listCustomers({ page: 1, size: 1 })).tags || [])
  provide(KEY, options)
  return options
}

export const useRuleOptions = () => inject(KEY, { analyses: [], stores: [], tags: [], failed: [] })
