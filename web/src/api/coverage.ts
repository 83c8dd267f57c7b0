// Visit coverage figures: per child unit, over time, and the progress table export.
import { api, download } from './api'
import type { Coverage, TimelineDay } from './types'

export function fetchCoverage(campaignId: number, unitId?: number | null): Promise<Coverage> {
  return api.get<Coverage>('/api/coverage', { campaign_id: campaignId, unit_id: unitId })
}

export async function fetchTimeline(campaignId: number, unitId?: number | null): Promise<TimelineDay[]> {
  return (await api.get<{ days: TimelineDay[] }>('/api/coverage/timeline', { campaign_id: campaignId, unit_id: unitId })).days
}

/** 工作进度表 as XLSX. */
export function exportCoverage(campaignId: number, unitId?: number | null): Promise<void> {
  return download('/api/coverage/export', { campaign_id: campaignId, unit_id: unitId }, '工作进度表.xlsx')
}
