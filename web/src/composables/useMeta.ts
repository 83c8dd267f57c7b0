// GET /api/meta (kinds and roles) is fetched once per session and shared.
import { ref, type Ref } from 'vue'
import { fetchMeta } from '../api/meta'
import type { KindMeta, Meta, RoleMeta } from '../api/types'

const meta = ref<Meta | null>(null)
let pending: Promise<Meta> | null = null

export function loadMeta(): Promise<Meta> {
  if (!pending) {
    pending = fetchMeta()
      .then((m) => {
        meta.value = m
        return m
      })
      .catch((e: unknown) => {
        pending = null
        throw e
      })
  }
  return pending
}

export function resetMeta(): void {
  meta.value = null
  pending = null
}

export function useMeta(): {
  meta: Ref<Meta | null>
  kind: (kind: string) => KindMeta | undefined
  role: (role: string) => RoleMeta | undefined
  childKinds: (parentKind: string) => KindMeta[]
} {
  return {
    meta,
    kind: (kind) => meta.value?.kinds.find((k) => k.kind === kind),
    role: (role) => meta.value?.roles.find((r) => r.role === role),
    childKinds: (parentKind) => meta.value?.kinds.filter((k) => k.allowed_parents.includes(parentKind)) ?? [],
  }
}
