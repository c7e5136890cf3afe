// One campaign, asked again every 2 s while it is sending or waiting to send, so its progress shows live.
import { onBeforeUnmount, ref } from 'vue'
import { getCampaign } from '@/api/campaigns'
import { isLive } from '../../components/campaigns/campaignFormat'

const POLL_MS = 2000

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
    if (current === request && isLive(campaign.value?.status)) timer = setTimeout(() => load({ silent: true }), POLL_MS)
  }

  onBeforeUnmount(() => {
    clearTimeout(timer)
    request += 1
  })

  return { campaign, error, load }
}
