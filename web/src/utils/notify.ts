import { ElMessage } from 'element-plus'
import { ApiError } from '../api/api'

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    return e.message
  }
  return '操作失败，请稍后重试'
}

/** Shows an error as a toast, except 401s: those already sent the user to the login page. */
export function showError(e: unknown): void {
  if (e instanceof ApiError && e.code === 'unauthenticated') {
    return
  }
  ElMessage.error(errorMessage(e))
}
