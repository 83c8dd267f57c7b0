// Watches one import job: fetched by id (or handed over after an upload) and
// polled every second while the server works on it. `onSettled` runs when a job
// that was being watched has finished.
import { onBeforeUnmount, ref } from 'vue'
import { ApiError } from '../api/api'
import { getImport } from '../api/imports'
import type { ImportJob } from '../api/types'
import { errorMessage } from '../utils/notify'
import { isPending } from '../utils/importStatus'

const POLL_MS = 1000

export function useImportJob(onSettled?: (job: ImportJob) => void) {
  const job = ref<ImportJob | null>(null)
  const error = ref('')
  let timer: ReturnType<typeof setTimeout> | null = null
  let seq = 0

  function stop(): void {
    if (timer !== null) {
      clearTimeout(timer)
      timer = null
    }
  }

  /** Shows the job; keeps polling while the server is still working on it. */
  function show(next: ImportJob): void {
    const wasPending = job.value !== null && job.value.id === next.id && isPending(job.value)
    job.value = next
    stop()
    if (isPending(next)) {
      const mine = seq
      timer = setTimeout(() => void poll(next.id, mine), POLL_MS)
    } else if (wasPending) {
      onSettled?.(next)
    }
  }

  async function poll(id: number, mine: number): Promise<void> {
    try {
      const next = await getImport(id)
      if (mine === seq) {
        show(next)
      }
    } catch (e) {
      if (mine !== seq) {
        return
      }
      // A passing network failure: try again; anything else ends the watch.
      if (e instanceof ApiError && e.status === 0) {
        timer = setTimeout(() => void poll(id, mine), POLL_MS * 3)
      } else {
        error.value = errorMessage(e)
      }
    }
  }

  /** Starts watching the job with this id (null: none). */
  async function open(id: number | null): Promise<void> {
    const mine = ++seq
    stop()
    error.value = ''
    if (id === null) {
      job.value = null
      return
    }
    if (job.value?.id !== id) {
      job.value = null
    }
    try {
      const next = await getImport(id)
      if (mine === seq) {
        show(next)
      }
    } catch (e) {
      if (mine === seq) {
        job.value = null
        error.value = e instanceof ApiError && e.status === 404 ? '未找到该导入记录，或无权查看。' : errorMessage(e)
      }
    }
  }

  /** Starts watching a job just created (the upload's answer), without fetching it again. */
  function track(next: ImportJob): void {
    seq++
    error.value = ''
    job.value = null
    show(next)
  }

  onBeforeUnmount(() => {
    seq++
    stop()
  })

  return { job, error, open, show, track }
}
