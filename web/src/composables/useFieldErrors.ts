// Puts a server error that names one input field (`error.field`) next to that
// field; any other error becomes a toast.
import { reactive } from 'vue'
import { showError } from '../utils/notify'
import { ApiError } from '../api/api'

export function useFieldErrors<F extends string>(fields: readonly F[]) {
  const errors = reactive<Record<string, string>>(Object.fromEntries(fields.map((f) => [f, '']))) as Record<F, string>

  function clear(): void {
    for (const f of fields) {
      errors[f] = ''
    }
  }

  /** Returns true when the error was shown next to a field. */
  function apply(e: unknown): boolean {
    clear()
    if (e instanceof ApiError && e.field && (fields as readonly string[]).includes(e.field)) {
      errors[e.field as F] = e.message
      return true
    }
    showError(e)
    return false
  }

  return { errors, clear, apply }
}
