/**
 * Purpose watermark for uploaded ID-document copies (身份证/营业执照复印件).
 *
 * The paper practice is to stamp a copy "复印件仅供办理××之用" so that it cannot be reused for
 * another purpose; this does the same to an uploaded image before it is stored. It works on a
 * Buffer in memory and returns only the stamped image: the unstamped original is never written
 * anywhere, so nothing that could be reused for another purpose is ever kept.
 */
import sharp, { type Metadata, type OutputInfo } from 'sharp';

export interface StampInput {
  image: Buffer;
  /** The purpose, e.g. "复印件仅供办理门禁卡之用". May be staff-typed: it is escaped for XML. */
  text: string;
  /** Optional footer line, e.g. "锦绣华庭物业服务中心 2026-11-23". */
  footer?: string;
}

export interface StampOptions {
  /** Largest accepted width × height of the input, against decompression bombs. */
  maxPixels?: number;
}

export interface StampedImage {
  data: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export class ImageRejected extends Error {
  constructor(readonly reason: 'not_image' | 'too_large' | 'unreadable') {
    super(`image rejected: ${reason}`);
    this.name = 'ImageRejected';
  }
}

/** A copy needs no more than this on its long side, and it keeps storage small. */
export const MAX_OUTPUT_EDGE = 2000;
/** 40 megapixels is more than any phone photo or A4 scan; a 20-kB PNG can declare far more. */
export const DEFAULT_MAX_PIXELS = 40_000_000;
const JPEG_QUALITY = 85;

const FONT_FAMILY = `'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif`;
const WATERMARK_COLOUR = '#d0021b';
const WATERMARK_OPACITY = 0.35;
const WATERMARK_ANGLE = -30;

// libvips keeps recent operations (decoded pixels included) in a process-wide cache. The
// unstamped original must not outlive the call, so the cache is switched off; the server's other
// sharp pipelines (attachment thumbnails) are single-pass too and gain nothing from it.
sharp.cache(false);

/**
 * The image type by its magic bytes. The file name and the declared Content-Type are chosen by
 * the uploader and prove nothing. SVG is deliberately not an image here: it is XML that can
 * carry scripts and external entities, and is never a photo or scan of a document.
 */
export function detectImageType(data: Buffer): ImageType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SHARP_FORMAT: Record<ImageType, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * Stamps `input.image` with the purpose repeated diagonally across the whole image and, if
 * given, a footer band below it; returns a metadata-free JPEG at most 2000 px on its long side.
 * Throws `ImageRejected` for anything that is not a readable JPEG, PNG or WebP within the pixel
 * limit.
 */
export async function stampImage(input: StampInput, options: StampOptions = {}): Promise<StampedImage> {
  const text = cleanText(input.text);
  if (!text) throw new TypeError('watermark text is empty');
  const footer = input.footer === undefined ? '' : cleanText(input.footer);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;

  await inspectImage(input.image, maxPixels);
  const decodeOptions = imageDecodeOptions(maxPixels);

  const bandReserve = footer ? FOOTER_MAX_BAND : 0;
  let doc: { data: Buffer; info: OutputInfo };
  try {
    doc = await sharp(input.image, decodeOptions)
      // Phones record "which way is up" in EXIF instead of rotating the pixels; apply it now,
      // because the EXIF is about to be dropped.
      .rotate()
      // Leave room for the footer band so that the whole output stays within the limit.
      .resize({
        width: MAX_OUTPUT_EDGE,
        height: MAX_OUTPUT_EDGE - bandReserve,
        fit: 'inside',
        withoutEnlargement: true,
      })
      // JPEG has no alpha: transparent PNG areas would turn black, hiding nothing but reading badly.
      .flatten({ background: '#ffffff' })
      // Grey, CMYK and 16-bit inputs become 8-bit sRGB, so the red watermark stays red.
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw imageRejection(error);
  }

  const width = doc.info.width;
  const docHeight = doc.info.height;
  const band = footer ? footerBand(width, footer) : null;
  const height = docHeight + (band?.height ?? 0);

  const svg = overlaySvg({ width, height, docHeight, text, band });
  let data: Buffer;
  try {
    data = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
      .composite([
        {
          input: doc.data,
          raw: { width, height: docHeight, channels: doc.info.channels },
          top: 0,
          left: 0,
        },
        { input: Buffer.from(svg), top: 0, left: 0 },
      ])
      // No withMetadata()/keepExif(): sharp writes no EXIF, XMP, IPTC or ICC unless asked, so the
      // GPS position, device, capture time and editing history of the original are not kept.
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
      .toBuffer();
  } finally {
    // The unstamped pixels are not left lying in the heap until the collector gets to them.
    doc.data.fill(0);
  }

  return { data, mime: 'image/jpeg', width, height };
}

/**
 * How uploads are decoded. `failOn: 'error'` refuses truncated or corrupt pixel data but tolerates
 * the harmless libjpeg warnings some phone cameras trigger (the default, 'warning', would refuse
 * those photos); the pixel limit stops a decompression bomb before libvips allocates for it.
 */
export function imageDecodeOptions(maxPixels: number) {
  return { limitInputPixels: maxPixels, failOn: 'error' } as const;
}

/**
 * Checks that `data` is a JPEG, PNG or WebP both by its magic bytes and by its header as libvips
 * reads it, and that it declares at most `maxPixels`. Only the header is read, so a bomb is
 * refused before anything is decoded. Throws `ImageRejected`.
 */
export async function inspectImage(
  data: Buffer,
  maxPixels: number,
): Promise<{ type: ImageType; width: number; height: number }> {
  const type = detectImageType(data);
  if (!type) throw new ImageRejected('not_image');
  let meta: Metadata;
  try {
    meta = await sharp(data, imageDecodeOptions(maxPixels)).metadata();
  } catch (error) {
    throw imageRejection(error);
  }
  if (meta.format !== SHARP_FORMAT[type]) throw new ImageRejected('not_image');
  if (!meta.width || !meta.height) throw new ImageRejected('unreadable');
  if (meta.width * meta.height > maxPixels) throw new ImageRejected('too_large');
  return { type, width: meta.width, height: meta.height };
}

/** What a sharp failure means for the uploader. */
export function imageRejection(error: unknown): ImageRejected {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new ImageRejected('too_large');
  if (/unsupported image format/i.test(message)) return new ImageRejected('not_image');
  return new ImageRejected('unreadable');
}

// ---------------------------------------------------------------------------------------------
// Overlay

const FOOTER_MIN_FONT = 12;
const FOOTER_MAX_FONT = 40;
const FOOTER_BAND_RATIO = 2.2;
const FOOTER_MAX_BAND = Math.round(FOOTER_MAX_FONT * FOOTER_BAND_RATIO);

interface FooterBand {
  height: number;
  fontSize: number;
  text: string;
}

/**
 * The footer goes in a white band added below the document rather than over it: a band over
 * the bottom edge would hide the ID number on the front of an ID card.
 */
function footerBand(width: number, text: string): FooterBand {
  const base = clamp(Math.round(width / 45), FOOTER_MIN_FONT, FOOTER_MAX_FONT);
  const height = Math.round(base * FOOTER_BAND_RATIO);
  // Long footers shrink to fit the width instead of being cut off.
  const fit = Math.floor((width * 0.92) / emWidth(text));
  return { height, fontSize: Math.max(8, Math.min(base, fit)), text };
}

function overlaySvg(o: {
  width: number;
  height: number;
  docHeight: number;
  text: string;
  band: FooterBand | null;
}): string {
  const { width, height, docHeight, text, band } = o;

  // Relative to the image so it reads the same on a 1000-px phone photo and a 2000-px scan;
  // the height term keeps it sane on very wide, flat images.
  const fontSize = clamp(Math.round(Math.min(width / 22, docHeight / 10)), 14, 96);
  const step = Math.round(emWidth(text) * fontSize + fontSize * 2.5);
  const lineGap = Math.round(fontSize * 3.2);

  // Tile a square around the centre big enough to cover the image at any rotation.
  const cx = width / 2;
  const cy = docHeight / 2;
  const reach = Math.hypot(width, docHeight) / 2 + step;
  const escaped = escapeXml(text);
  const tiles: string[] = [];
  let row = 0;
  for (let y = cy - reach; y <= cy + reach; y += lineGap, row++) {
    // Alternate rows are offset by half a step, so no column of blank gaps runs across the page.
    const shift = row % 2 === 0 ? 0 : step / 2;
    for (let x = cx - reach - shift; x <= cx + reach; x += step) {
      tiles.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}">${escaped}</text>`);
    }
  }

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs><clipPath id="doc"><rect x="0" y="0" width="${width}" height="${docHeight}"/></clipPath></defs>`,
    `<g clip-path="url(#doc)">`,
    `<g transform="rotate(${WATERMARK_ANGLE} ${cx.toFixed(1)} ${cy.toFixed(1)})" font-family="${FONT_FAMILY}"`,
    ` font-size="${fontSize}" font-weight="bold" fill="${WATERMARK_COLOUR}" fill-opacity="${WATERMARK_OPACITY}">`,
    ...tiles,
    `</g></g>`,
  ];
  if (band) {
    const y = docHeight + band.height / 2;
    parts.push(
      `<rect x="0" y="${docHeight}" width="${width}" height="${band.height}" fill="#ffffff"/>`,
      `<rect x="0" y="${docHeight}" width="${width}" height="${Math.max(1, Math.round(band.fontSize / 12))}" fill="#9e9e9e"/>`,
      `<text x="${width / 2}" y="${y}" text-anchor="middle" dominant-baseline="central" font-family="${FONT_FAMILY}"`,
      ` font-size="${band.fontSize}" fill="#333333">${escapeXml(band.text)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Collapses whitespace and drops characters XML 1.0 cannot carry (controls, lone surrogates):
 * one of those in a staff-typed purpose would otherwise make the whole overlay unparseable.
 */
function cleanText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Rough rendered width in ems: CJK and full-width characters are square, Latin about half. */
function emWidth(text: string): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.6;
  return em;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
