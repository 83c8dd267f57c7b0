// Visit photos: the server takes JPEG, PNG or WebP up to 5 MiB. Phone cameras
// often write bigger files (or HEIC); those are re-encoded as JPEG in the browser.
const MAX_PHOTO_BYTES = 5 * 1024 * 1024
const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp']
const MAX_SIDE = 2560
const QUALITIES = [0.85, 0.7, 0.55]

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
}

/** The photo as the server accepts it; throws when the browser cannot decode it. */
export async function preparePhoto(file: File): Promise<Blob> {
  if (ACCEPTED_TYPES.includes(file.type) && file.size <= MAX_PHOTO_BYTES) {
    return file
  }
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  for (const quality of QUALITIES) {
    const blob = await toJpeg(canvas, quality)
    if (blob && blob.size <= MAX_PHOTO_BYTES) {
      return blob
    }
  }
  throw new Error('photo too large')
}
