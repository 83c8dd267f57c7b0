// Roster import job states as the page shows them.
import type { ImportJob, ImportStatus } from '../api/types'

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const STATUS: Record<ImportStatus, { label: string; type: TagType }> = {
  needs_mapping: { label: '待确认表头', type: 'warning' },
  queued: { label: '排队中', type: 'info' },
  running: { label: '导入中', type: 'primary' },
  succeeded: { label: '已完成', type: 'success' },
  rejected: { label: '未导入', type: 'danger' },
  failed: { label: '失败', type: 'danger' },
}

export function statusLabel(status: string): string {
  return STATUS[status as ImportStatus]?.label ?? status
}

export function statusType(status: string): TagType {
  return STATUS[status as ImportStatus]?.type ?? 'info'
}

/** Still being worked on by the server: poll it. */
export function isPending(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running'
}

export const MODE_LABELS: Record<string, string> = {
  all_or_nothing: '全部无误才导入',
  valid_rows: '只导入正确的行',
}
