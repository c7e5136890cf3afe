// The pick lists of the plan pages (GET /api/plans/options), fetched once per visit and shared.
import { reactive } from 'vue'
import { getPlanOptions } from '@/api/plans'
import { RFM_CLASSES } from '@/shared/rfm'

const options = reactive({
  events: [],
  industries: [],
  classes: RFM_CLASSES.map((c) => c.name),
  loaded: false,
})

export function usePlanOptions() {
  if (!options.loaded) {
    options.loaded = true
    getPlanOptions()
      .then((answer) => {
        if (Array.isArray(answer?.events)) options.events = answer.events
        if (Array.isArray(answer?.industries)) options.industries = answer.industries
        if (Array.isArray(answer?.classes) && answer.classes.length) options.classes = answer.classes
      })
      .catch(() => { options.loaded = false }) // an empty list for now; the next page asks again
  }
  return options
}
