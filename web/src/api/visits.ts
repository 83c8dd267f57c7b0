// Door-to-door visits and their photos.
import { api, request } from './api'
import type { Visit } from './types'

export interface NewVisit {
  campaign_id: number
  household_id: number
  face_to_face: boolean
  visited_at?: number
  member_ids?: number[]
  topics?: string[]
  materials?: string[]
  letter_signed?: boolean
  notes?: string
}

export async function recordVisit(input: NewVisit): Promise<Visit> {
  return (await api.post<{ visit: Visit }>('/api/visits', input)).visit
}

export interface VisitFilter {
  unit_id?: number | null
  campaign_id?: number | null
  household_id?: number | null
  limit: number
  offset: number
}

export function listVisits(filter: VisitFilter): Promise<{ visits: Visit[]; total: number }> {
  return api.get('/api/visits', { ...filter })
}

/** The raw JPEG/PNG/WebP bytes (≤ 5 MiB). */
export async function uploadVisitPhoto(visitId: number, photo: Blob): Promise<number> {
  const answer = await request<{ photo_id: number }>('POST', `/api/visits/${visitId}/photos`, {
    raw: { body: photo, contentType: photo.type || 'application/octet-stream' },
  })
  return answer.photo_id
}
