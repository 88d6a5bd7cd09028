/**
 * Photos taken on a phone are 4000 px and several MB; a technician on mobile data uploads a
 * re-encoded JPEG instead. Re-encoding also drops the EXIF block (GPS position of the customer's home).
 */
export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_QUALITY = 0.8;

export interface Size {
  width: number;
  height: number;
}

/** The size that fits within `max` on its longer side, keeping the aspect ratio; never enlarges. */
export function fitWithin({ width, height }: Size, max: number): Size {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 };
  const longer = Math.max(width, height);
  if (longer <= max) return { width, height };
  const scale = max / longer;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** `IMG_2041.HEIC` → `IMG_2041.jpg`, for the compressed copy. */
export function jpegName(original: string): string {
  const base = original.replace(/\.[^./\\]*$/, '') || 'photo';
  return `${base}.jpg`;
}

/**
 * Decodes a picture, scales it down and encodes it as JPEG. Falls back to the original file when
 * the browser cannot decode it (HEIC outside Safari): the server accepts and sniffs it itself.
 */
export async function compressImage(
  file: File,
  max = PHOTO_MAX_SIDE,
  quality = PHOTO_QUALITY,
): Promise<{ blob: Blob; name: string }> {
  let bitmap: ImageBitmap;
  try {
    // 'from-image' applies the EXIF orientation, so portrait photos stay upright after re-encoding.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { blob: file, name: file.name };
  }
  const size = fitWithin({ width: bitmap.width, height: bitmap.height }, max);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) {
    bitmap.close();
    return { blob: file, name: file.name };
  }
  // JPEG has no transparency: a white ground keeps transparent PNG areas from turning black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  return blob ? { blob, name: jpegName(file.name) } : { blob: file, name: file.name };
}
