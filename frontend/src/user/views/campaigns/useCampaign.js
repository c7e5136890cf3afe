// One campaign, asked again every 2 s while it is sending or waiting to send, so its progress shows live, and
// every 5 s while the receipts of a finished send are still arriving.
import { onBeforeUnmount, ref } from 'vue'
import { getCampaign } from '@/api/campaigns'
import { awaitingReceipts, isLive } from '../../components/campaigns/campaignFormat'

const POLL_MS = 2000
const RECEIPTS_MS = 5000

export function useCampaign(id) {
  const campaign = ref(null)
  const error = ref(null)
  let timer = null
  let request = 0

  /** Reads the campaign; `silent` keeps what is shown when a poll fails. */
  async function load({ silent = false } = {}) {
    clearTimeout(timer)
    const current = ++request
    if (!silent) error.value = null
    try {
      const answer = await getCampaign(id.value)
      if (current !== request) return
      campaign.value = answer
      error.value = null
    } catch (e) {
      if (current !== request) return
      if (!silent || !campaign.value) error.value = e
    }
    if (current !== request) return
    const wait = isLive(campaign.value?.status) ? POLL_MS : awaitingReceipts(campaign.value) ? RECEIPTS_MS : 0
    if (wait) timer = setTimeout(() => load({ silent: true }), wait)
  }

  onBeforeUnmount(() => {
    clearTimeout(timer)
    request += 1
  })

  return { campaign, error, load }
}
