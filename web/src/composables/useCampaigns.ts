// The campaigns the user can see (GET /api/campaigns), newest first, and which
// one a page opens with: the newest active one.
import { computed, ref } from 'vue'
import { listCampaigns } from '../api/campaigns'
import type { Campaign } from '../api/types'

function newestFirst(a: Campaign, b: Campaign): number {
  return b.starts_at - a.starts_at || b.id - a.id
}

export function useCampaigns() {
  const campaigns = ref<Campaign[]>([])
  const loaded = ref(false)
  const active = computed(() => campaigns.value.filter((c) => c.active))

  async function load(): Promise<Campaign[]> {
    campaigns.value = (await listCampaigns()).sort(newestFirst)
    loaded.value = true
    return campaigns.value
  }

  /** The newest active campaign, else the newest one; null when there is none. */
  function preferred(): Campaign | null {
    return active.value[0] ?? campaigns.value[0] ?? null
  }

  return { campaigns, active, loaded, load, preferred }
}
