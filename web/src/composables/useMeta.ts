// GET /api/meta (kinds, roles and the fixed key lists) is fetched once per session and shared.
import { ref, type Ref } from 'vue'
import { fetchMeta } from '../api/meta'
import type { KeyLabel, KindMeta, Meta, RoleMeta } from '../api/types'

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

/** The lists of `{key,label}` that /api/meta carries. */
export type KeyList = 'fraud_types' | 'person_tags' | 'visit_materials' | 'roster_fields' | 'link_roles'

export function useMeta(): {
  meta: Ref<Meta | null>
  kind: (kind: string) => KindMeta | undefined
  role: (role: string) => RoleMeta | undefined
  childKinds: (parentKind: string) => KindMeta[]
  /** The entries of one key list (empty until the meta is loaded). */
  list: (name: KeyList) => KeyLabel[]
  /** The Chinese label of a key in one list; the key itself when unknown. */
  label: (name: KeyList, key: string) => string
} {
  const list = (name: KeyList): KeyLabel[] => meta.value?.[name] ?? []
  return {
    meta,
    kind: (kind) => meta.value?.kinds.find((k) => k.kind === kind),
    role: (role) => meta.value?.roles.find((r) => r.role === role),
    childKinds: (parentKind) => meta.value?.kinds.filter((k) => k.allowed_parents.includes(parentKind)) ?? [],
    list,
    label: (name, key) => list(name).find((e) => e.key === key)?.label ?? key,
  }
}
