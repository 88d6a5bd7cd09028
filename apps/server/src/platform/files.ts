/**
 * Attachments of service records: photos from the field (before/after, signatures), scans and
 * PDFs. The type comes from the bytes, the stored name is cleaned, files land atomically under
 * the data dir, and images get a small metadata-free thumbnail for lists and timelines.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { defineErrors, platformError } from './errors.ts';
import { detectImageType, ImageRejected, imageDecodeOptions, inspectImage } from './watermark.ts';

export type AttachmentType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'application/pdf';

export interface SniffedAttachment {
  contentType: AttachmentType;
  ext: string;
  image: boolean;
}

export interface StoredAttachment {
  /** `<orgId>/<id>.<ext>`, relative to the attachments dir (see attachmentPath). */
  fileKey: string;
  thumbKey: string | null;
  size: number;
  sha256: string;
}

export const attachmentError = defineErrors({
  ATTACHMENT_TYPE: {
    status: 415,
    'zh-CN': '不支持的附件类型：仅支持 JPEG、PNG、WebP、HEIC 图片和 PDF 文件',
    'en-US': 'Unsupported attachment type: only JPEG, PNG, WebP, HEIC images and PDF files are accepted',
  },
  ATTACHMENT_UNREADABLE: {
    status: 400,
    'zh-CN': '图片已损坏或无法读取，请重新拍摄或选择其他文件',
    'en-US': 'The image is damaged or cannot be read; take it again or choose another file',
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    'zh-CN': '图片像素过多（上限 {limit} 百万像素）',
    'en-US': 'The image has too many pixels (limit {limit} megapixels)',
  },
});

/**
 * Phones shoot 12–50 MP (some offer 108 MP modes); a few-kB PNG can declare billions of pixels.
 * JPEG and WebP shrink while decoding, so even the largest real photo thumbnails cheaply.
 */
export const ATTACHMENT_MAX_PIXELS = 120_000_000;
/** Long side of a thumbnail: sharp on a phone list at 3× density, small enough to load by the dozen. */
export const THUMB_EDGE = 320;
const THUMB_QUALITY = 75;

const EXT: Record<AttachmentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1']);

/**
 * The type from the content's magic bytes (never the name or the declared type, which the
 * uploader chooses); null when it is none of the accepted types. SVG and HTML are never accepted:
 * they can carry scripts that would run on our origin.
 */
export function sniffAttachment(bytes: Buffer): SniffedAttachment | null {
  const contentType = sniffType(bytes);
  if (!contentType) return null;
  return { contentType, ext: EXT[contentType], image: contentType.startsWith('image/') };
}

function sniffType(bytes: Buffer): AttachmentType | null {
  const image = detectImageType(bytes);
  if (image) return image;
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  // ISO-BMFF: the first box is `ftyp`, whose major brand names the format (HEIF/HEIC from iPhones).
  if (bytes.length >= 16 && bytes.toString('latin1', 4, 8) === 'ftyp') {
    const boxSize = bytes.readUInt32BE(0);
    if (boxSize >= 16 && HEIF_BRANDS.has(bytes.toString('latin1', 8, 12))) return 'image/heic';
  }
  return null;
}

// Characters that are never part of a name people mean: controls, format characters (bidi
// overrides such as U+202E that make "exe.jpg" read as "gpj.exe", zero-width ones), line and
// paragraph separators, lone surrogates; then what Windows, shells and header syntax reserve.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const RESERVED = /[<>:"/\\|?*]/g;
// Device names Windows will not open as files, whatever extension follows (CON.jpg is CON).
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX_NAME = 100;

/**
 * A display name safe to store and to send in Content-Disposition: only the last path part,
 * without control, bidi and reserved characters, at most 100 characters (UTF-16 units, never
 * cutting a character in two), ending in the sniffed extension. An empty result is `file.<ext>`.
 */
export function safeFileName(name: string, ext: string): string {
  if (!/^[a-z0-9]{1,8}$/.test(ext)) throw new TypeError(`not a file extension: ${ext}`);
  const base = name.split(/[/\\]/).pop() ?? '';
  let stem = base.replace(INVISIBLE, '').replace(RESERVED, '').normalize('NFC').replace(/\s+/g, ' ');
  stem = trimName(stem);
  const dot = stem.lastIndexOf('.');
  if (dot > 0) stem = trimName(stem.slice(0, dot));
  if (WINDOWS_DEVICE.test(stem.split('.')[0]!)) stem = `_${stem}`;
  stem = trimName(truncate(stem, MAX_NAME - ext.length - 1));
  return `${stem || 'file'}.${ext}`;
}

/** Leading dots hide files; trailing dots and spaces are dropped by Windows, changing the name. */
function trimName(value: string): string {
  return value.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
}

function truncate(value: string, units: number): string {
  let out = '';
  for (const ch of value) {
    if (out.length + ch.length > units) break;
    out += ch;
  }
  return out;
}

/**
 * A Content-Disposition value for a stored name: an ASCII fallback for old clients plus the
 * UTF-8 name (RFC 6266/5987), since a raw Chinese name is not a valid header value.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const SAFE_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Writes the bytes to `<dataDir>/attachments/<orgId>/<id>.<ext>` and, for JPEG/PNG/WebP, a WebP
 * thumbnail (at most 320 px, EXIF orientation applied, no metadata) to `<id>.thumb.webp`.
 * Images are checked before anything is written: not what the magic bytes claim or not
 * decodable → ATTACHMENT_UNREADABLE, more pixels than ATTACHMENT_MAX_PIXELS →
 * ATTACHMENT_TOO_LARGE. HEIC is stored without a thumbnail: sharp's prebuilt libvips has no
 * HEVC decoder. The stored original is the upload byte for byte (its hash proves it).
 */
export async function storeAttachment(
  dataDir: string,
  orgId: string,
  id: string,
  bytes: Buffer,
  type: AttachmentType,
): Promise<StoredAttachment> {
  if (!SAFE_ID.test(orgId) || !SAFE_ID.test(id)) throw new TypeError('attachment ids must be plain ids');
  const sniffed = sniffAttachment(bytes);
  if (!sniffed || sniffed.contentType !== type)
    throw attachmentError('ATTACHMENT_TYPE', { field: 'body.file' });

  const thumb =
    type === 'image/jpeg' || type === 'image/png' || type === 'image/webp' ? await thumbnail(bytes) : null;
  const fileKey = `${orgId}/${id}.${sniffed.ext}`;
  const thumbKey = thumb ? `${orgId}/${id}.thumb.webp` : null;
  const files: [string, Buffer][] = [[fileKey, bytes]];
  if (thumb && thumbKey) files.push([thumbKey, thumb]);
  const written: string[] = [];
  try {
    for (const [key, data] of files) {
      const file = attachmentPath(dataDir, key);
      await writeAtomically(file, data);
      written.push(file);
    }
  } catch (error) {
    await Promise.all(written.map((file) => fs.rm(file, { force: true })));
    throw error;
  }
  return {
    fileKey,
    thumbKey,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

async function thumbnail(bytes: Buffer): Promise<Buffer> {
  try {
    await inspectImage(bytes, ATTACHMENT_MAX_PIXELS);
    // Decoding the whole image (not just its header) is what proves it is one: a file with a JPEG
    // signature and anything behind it fails here instead of being served as a photo.
    return await sharp(bytes, imageDecodeOptions(ATTACHMENT_MAX_PIXELS))
      .rotate()
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: THUMB_QUALITY })
      .toBuffer();
  } catch (error) {
    const reason = error instanceof ImageRejected ? error.reason : 'unreadable';
    if (reason === 'too_large')
      throw attachmentError(
        'ATTACHMENT_TOO_LARGE',
        { field: 'body.file' },
        {
          limit: ATTACHMENT_MAX_PIXELS / 1_000_000,
        },
      );
    throw attachmentError('ATTACHMENT_UNREADABLE', { field: 'body.file' });
  }
}

/**
 * Temp file in the same directory, flushed, then renamed over the final name: a crash or a full
 * disk leaves either the whole file or none, never a truncated photo under the real name.
 */
async function writeAtomically(file: string, data: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * The file a stored key names. Keys come from the database, but a key that would leave the
 * attachments dir (`../`, an absolute path, NUL) is refused as not found rather than trusted.
 */
export function attachmentPath(dataDir: string, key: string): string {
  const root = path.resolve(dataDir, 'attachments');
  const file = path.resolve(root, key);
  const relative = path.relative(root, file);
  const escapes = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (key.includes('\0') || relative === '' || escapes) {
    throw platformError('NOT_FOUND');
  }
  return file;
}
