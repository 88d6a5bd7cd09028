import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import {
  attachmentPath,
  contentDisposition,
  safeFileName,
  sniffAttachment,
  storeAttachment,
  THUMB_EDGE,
  type AttachmentType,
} from './files.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-files-'));
  dirs.push(dir);
  return dir;
}

const ORG = '01900000-0000-7000-8000-00000000000a';
const ID = '01900000-0000-7000-8000-0000000000f1';

/** A picture with a gradient, so encoders have something to encode. */
function picture(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7) % 251;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const FAKE_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff]),
  Buffer.from('this is no image at all '.repeat(20)),
]);

/** The start of an iPhone photo: an `ftyp` box with the given major brand. */
function ftyp(brand: string): Buffer {
  const box = Buffer.alloc(24);
  box.writeUInt32BE(24, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brand, 8, 'latin1');
  box.write('mif1heic', 16, 'latin1');
  return Buffer.concat([box, Buffer.alloc(100)]);
}

/** A real JPEG whose frame header is rewritten to claim 60000 × 60000 pixels: a decompression bomb. */
async function jpegBomb(): Promise<Buffer> {
  const jpeg = Buffer.from(await picture(16, 16).jpeg().toBuffer());
  for (let i = 2; i < jpeg.length - 9; i++) {
    if (jpeg[i] === 0xff && jpeg[i + 1]! >= 0xc0 && jpeg[i + 1]! <= 0xc2) {
      jpeg.writeUInt16BE(60000, i + 5);
      jpeg.writeUInt16BE(60000, i + 7);
      return jpeg;
    }
  }
  throw new Error('no frame header');
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).sort() : [];
}

describe('sniffAttachment', () => {
  it('names the type from the bytes', async () => {
    const png = await picture(8, 8).png().toBuffer();
    expect(sniffAttachment(await picture(8, 8).jpeg().toBuffer())).toEqual({
      contentType: 'image/jpeg',
      ext: 'jpg',
      image: true,
    });
    expect(sniffAttachment(png)?.contentType).toBe('image/png');
    expect(sniffAttachment(await picture(8, 8).webp().toBuffer())?.contentType).toBe('image/webp');
    expect(sniffAttachment(PDF)).toEqual({ contentType: 'application/pdf', ext: 'pdf', image: false });
    for (const brand of ['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1'])
      expect(sniffAttachment(ftyp(brand)), brand).toEqual({
        contentType: 'image/heic',
        ext: 'heic',
        image: true,
      });
  });

  it('accepts nothing else, whatever it is called', async () => {
    expect(sniffAttachment(EXE)).toBeNull();
    expect(
      sniffAttachment(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')),
    ).toBeNull();
    expect(sniffAttachment(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffAttachment(ftyp('avif'))).toBeNull(); // HEIF container, but not a type we accept
    expect(sniffAttachment(ftyp('isom'))).toBeNull(); // an MP4 video
    expect(sniffAttachment(await picture(8, 8).gif().toBuffer())).toBeNull();
    expect(sniffAttachment(Buffer.alloc(0))).toBeNull();
    expect(sniffAttachment(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

describe('safeFileName', () => {
  it('keeps ordinary names, with the sniffed extension', () => {
    expect(safeFileName('漏水照片 1.JPG', 'jpg')).toBe('漏水照片 1.jpg');
    expect(safeFileName('invoice.final.pdf', 'pdf')).toBe('invoice.final.pdf');
    expect(safeFileName('scan', 'pdf')).toBe('scan.pdf');
    expect(safeFileName('photo.png', 'jpg')).toBe('photo.jpg');
  });

  it('drops path parts and never lets a name climb out', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\wang\\Desktop\\报修单.pdf', 'pdf')).toBe('报修单.pdf');
    expect(safeFileName('..', 'jpg')).toBe('file.jpg');
    expect(safeFileName('.htaccess', 'png')).toBe('htaccess.png');
    expect(safeFileName('', 'webp')).toBe('file.webp');
    expect(safeFileName('///', 'webp')).toBe('file.webp');
  });

  it('removes bidi overrides, controls and reserved characters', () => {
    // Displayed as "aexe.png" by a naive viewer: the override reverses what follows it.
    expect(safeFileName('a\u202Egnp.exe', 'jpg')).toBe('agnp.jpg');
    expect(safeFileName('re\u0000port\r\n\u2028.pdf', 'pdf')).toBe('report.pdf');
    expect(safeFileName('a<b>c:d"e|f?g*h.png', 'png')).toBe('abcdefgh.png');
    expect(safeFileName('zero\u200Bwidth\uFEFF.png', 'png')).toBe('zerowidth.png');
    expect(safeFileName('lone\uD800half.png', 'png')).toBe('lonehalf.png');
    expect(safeFileName('  spaced   out  .png', 'png')).toBe('spaced out.png');
  });

  it('renames Windows device names', () => {
    expect(safeFileName('CON', 'jpg')).toBe('_CON.jpg');
    expect(safeFileName('nul.txt', 'pdf')).toBe('_nul.pdf');
    expect(safeFileName('com1.tar.gz', 'pdf')).toBe('_com1.tar.pdf');
    expect(safeFileName('console.png', 'png')).toBe('console.png');
  });

  it('stays within 100 characters without cutting a character in two', () => {
    const long = safeFileName(`${'长'.repeat(300)}.jpg`, 'jpg');
    expect(long).toBe(`${'长'.repeat(96)}.jpg`);
    const emoji = safeFileName(`${'a'.repeat(94)}😀😀.png`, 'png');
    expect(emoji.length).toBeLessThanOrEqual(100);
    expect(emoji).toBe(`${'a'.repeat(94)}😀.png`);
    expect(safeFileName('x'.repeat(5000), 'webp')).toHaveLength(100);
  });

  it('refuses an extension that is not one', () => {
    expect(() => safeFileName('a', '../x')).toThrow(TypeError);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('inline', '漏水 (1).jpg')).toBe(
      `inline; filename="__ (1).jpg"; filename*=UTF-8''%E6%BC%8F%E6%B0%B4%20%281%29.jpg`,
    );
    expect(contentDisposition('attachment', "it's.pdf")).toBe(
      `attachment; filename="it's.pdf"; filename*=UTF-8''it%27s.pdf`,
    );
  });
});

describe('storeAttachment', () => {
  it('stores a photo byte for byte with an upright, metadata-free WebP thumbnail', async () => {
    const dir = dataDir();
    // A landscape sensor image the camera marked "rotate 90°": people see it in portrait.
    const photo = await picture(1200, 600).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(photo).metadata()).orientation).toBe(6);

    const stored = await storeAttachment(dir, ORG, ID, photo, 'image/jpeg');
    expect(stored).toEqual({
      fileKey: `${ORG}/${ID}.jpg`,
      thumbKey: `${ORG}/${ID}.thumb.webp`,
      size: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex'),
    });
    expect(fs.readFileSync(attachmentPath(dir, stored.fileKey)).equals(photo)).toBe(true);
    const thumb = await sharp(fs.readFileSync(attachmentPath(dir, stored.thumbKey!))).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: THUMB_EDGE / 2, height: THUMB_EDGE });
    expect(thumb.orientation).toBeUndefined();
    expect(thumb.exif).toBeUndefined();
    // Only the two files, private to the server; no temp file left behind.
    expect(filesIn(path.join(dir, 'attachments', ORG))).toEqual([`${ID}.jpg`, `${ID}.thumb.webp`]);
    expect(fs.statSync(attachmentPath(dir, stored.fileKey)).mode & 0o777).toBe(0o600);
  });

  it('thumbnails PNG and WebP, never enlarging a small image', async () => {
    const dir = dataDir();
    const png = await storeAttachment(
      dir,
      ORG,
      'p1',
      await picture(2000, 1000).png().toBuffer(),
      'image/png',
    );
    expect(await sharp(attachmentPath(dir, png.thumbKey!)).metadata()).toMatchObject({
      width: 320,
      height: 160,
    });
    const webp = await storeAttachment(
      dir,
      ORG,
      'w1',
      await picture(100, 50).webp().toBuffer(),
      'image/webp',
    );
    expect(await sharp(attachmentPath(dir, webp.thumbKey!)).metadata()).toMatchObject({
      width: 100,
      height: 50,
    });
  });

  it('stores PDF and HEIC without a thumbnail', async () => {
    const dir = dataDir();
    expect(await storeAttachment(dir, ORG, 'd1', PDF, 'application/pdf')).toMatchObject({
      fileKey: `${ORG}/d1.pdf`,
      thumbKey: null,
      size: PDF.length,
    });
    const heic = ftyp('heic');
    expect(await storeAttachment(dir, ORG, 'h1', heic, 'image/heic')).toMatchObject({
      fileKey: `${ORG}/h1.heic`,
      thumbKey: null,
    });
    expect(fs.readFileSync(attachmentPath(dir, `${ORG}/h1.heic`)).equals(heic)).toBe(true);
  });

  it('refuses bytes that are not the declared type, writing nothing', async () => {
    const dir = dataDir();
    const png = await picture(8, 8).png().toBuffer();
    const cases: [Buffer, AttachmentType][] = [
      [EXE, 'image/jpeg'],
      [EXE, 'application/pdf'],
      [png, 'image/jpeg'],
      [PDF, 'image/png'],
    ];
    for (const [bytes, type] of cases) {
      const error = await refusal(storeAttachment(dir, ORG, ID, bytes, type));
      expect(error).toMatchObject({ code: 'ATTACHMENT_TYPE', status: 415 });
    }
    expect(filesIn(dir)).toEqual([]);
  });

  it('refuses images that do not decode: a JPEG signature on garbage, a photo cut in half', async () => {
    const dir = dataDir();
    const photo = await picture(400, 300).jpeg().toBuffer();
    for (const bytes of [FAKE_JPEG, photo.subarray(0, photo.length / 2)]) {
      const error = await refusal(storeAttachment(dir, ORG, ID, bytes, 'image/jpeg'));
      expect(error).toMatchObject({ code: 'ATTACHMENT_UNREADABLE', status: 400 });
      expect(error.details).toEqual({ field: 'body.file' });
    }
    expect(filesIn(dir)).toEqual([]);
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    const dir = dataDir();
    const started = Date.now();
    const error = await refusal(storeAttachment(dir, ORG, ID, await jpegBomb(), 'image/jpeg'));
    expect(error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', status: 413, params: { limit: 120 } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(filesIn(dir)).toEqual([]);
  });

  it('takes only plain ids as file names', async () => {
    await expect(storeAttachment(dataDir(), '../x', ID, PDF, 'application/pdf')).rejects.toThrow(TypeError);
    await expect(storeAttachment(dataDir(), ORG, 'a/b', PDF, 'application/pdf')).rejects.toThrow(TypeError);
  });
});

describe('attachmentPath', () => {
  it('resolves keys inside the attachments dir and refuses any that leave it', () => {
    const dir = dataDir();
    expect(attachmentPath(dir, `${ORG}/${ID}.jpg`)).toBe(path.join(dir, 'attachments', ORG, `${ID}.jpg`));
    for (const key of [
      '../../etc/passwd',
      `${ORG}/../../keys/pii.key`,
      '/etc/passwd',
      '..',
      '',
      '.',
      `${ORG}/x.jpg\0.png`,
    ]) {
      expect(() => attachmentPath(dir, key), JSON.stringify(key)).toThrow(
        expect.objectContaining({ code: 'NOT_FOUND' }),
      );
    }
  });
});
