import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Phone-sized screens (< 768px) get the drawer menu and stacked layouts. */
export const PHONE_QUERY = '(max-width: 767px)'

export function useIsPhone(): Ref<boolean> {
  const media = window.matchMedia(PHONE_QUERY)
  const isPhone = ref(media.matches)
  const update = (e: MediaQueryListEvent) => {
    isPhone.value = e.matches
  }
  media.addEventListener('change', update)
  onBeforeUnmount(() => media.removeEventListener('change', update))
  return isPhone
}
