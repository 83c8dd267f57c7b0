// Campaigns (docs/api.md, "Campaigns, visits, coverage").
import { api } from './api'
import type { Campaign } from './types'

export async function listCampaigns(): Promise<Campaign[]> {
  return (await api.get<{ campaigns: Campaign[] }>('/api/campaigns')).campaigns
}

export async function getCampaign(id: number): Promise<Campaign> {
  return (await api.get<{ campaign: Campaign }>(`/api/campaigns/${id}`)).campaign
}

export interface CampaignInput {
  org_unit_id?: number
  name: string
  starts_at: number
  ends_at: number
  deadlines?: Record<string, number>
  active?: boolean
}

export async function createCampaign(input: CampaignInput): Promise<Campaign> {
  return (await api.post<{ campaign: Campaign }>('/api/campaigns', input)).campaign
}

export async function updateCampaign(id: number, patch: Partial<Omit<CampaignInput, 'org_unit_id'>>): Promise<Campaign> {
  return (await api.patch<{ campaign: Campaign }>(`/api/campaigns/${id}`, patch)).campaign
}
