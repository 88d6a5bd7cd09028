import { writeFile } from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectImageType, escapeXml, ImageRejected, stampImage } from './watermark.ts';

const PURPOSE = '复印件仅供办理门禁卡之用';
const FOOTER = '锦绣华庭物业服务中心 2026-11-23';

function blank(width: number, height: number): Sharp {
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } });
}

/** Random pixels, so a JPEG of it has enough entropy data to cut in half. */
function noise(width: number, height: number): Sharp {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/** A mock ID card, so the sample shows whether the document stays readable under the stamp. */
function mockIdCard(): Sharp {
  const font = `font-family="'Noto Sans CJK SC', sans-serif"`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="880">
    <rect width="1400" height="880" fill="#eef3f6"/>
    <rect x="40" y="40" width="1320" height="800" rx="36" fill="#f9fbfc" stroke="#9fb3c2" stroke-width="4"/>
    <g ${font} fill="#222" font-size="44">
      <text x="110" y="170"><tspan fill="#667">姓名</tspan>  张三丰</text>
      <text x="110" y="270"><tspan fill="#667">性别</tspan>  男   <tspan fill="#667">民族</tspan>  汉</text>
      <text x="110" y="370"><tspan fill="#667">出生</tspan>  1990 年 3 月 7 日</text>
      <text x="110" y="470"><tspan fill="#667">住址</tspan>  北京市东城区景山前街</text>
      <text x="226" y="540">4 号院 2 单元 301 室</text>
      <text x="110" y="740" font-size="50"><tspan fill="#667" font-size="44">公民身份号码</tspan>  110101199003071234</text>
    </g>
    <rect x="980" y="130" width="300" height="380" fill="#d5dde3"/>
    <circle cx="1130" cy="270" r="80" fill="#aab6bf"/>
    <rect x="1030" y="370" width="200" height="140" rx="60" fill="#aab6bf"/>
  </svg>`;
  return sharp(Buffer.from(svg));
}

/** A PNG whose header declares `width`×`height` but carries almost no data: a decompression bomb. */
function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageRejected);
  return (error as ImageRejected).reason;
}

/** `stats()` reads the input, not the pipeline, so the crop is materialised first. */
async function regionStats(
  data: Buffer,
  region: { left: number; top: number; width: number; height: number },
): Promise<{ mean: number; min: number }[]> {
  const crop = await sharp(data).extract(region).png().toBuffer();
  return (await sharp(crop).stats()).channels;
}

function isJpeg(data: Buffer): boolean {
  return detectImageType(data) === 'image/jpeg';
}

describe('detectImageType', () => {
  it('goes by magic bytes only', async () => {
    expect(detectImageType(await blank(4, 4).jpeg().toBuffer())).toBe('image/jpeg');
    expect(detectImageType(await blank(4, 4).png().toBuffer())).toBe('image/png');
    expect(detectImageType(await blank(4, 4).webp().toBuffer())).toBe('image/webp');
    expect(detectImageType(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageType(Buffer.from('\0\0\0\x18ftypheic', 'latin1'))).toBeNull();
    expect(detectImageType(Buffer.from('RIFF\0\0\0\0WAVE', 'latin1'))).toBeNull();
    expect(detectImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('stampImage', () => {
  it('stamps a PNG into a JPEG whose pixels carry the red watermark', async () => {
    const png = await blank(800, 600).png().toBuffer();
    const out = await stampImage({ image: png, text: PURPOSE });

    expect(out.mime).toBe('image/jpeg');
    expect(isJpeg(out.data)).toBe(true);
    expect(out).toMatchObject({ width: 800, height: 600 });
    expect(await sharp(out.data).metadata()).toMatchObject({ format: 'jpeg', width: 800, height: 600 });

    // The input is pure white: anything else is the watermark, and it is red (R stays high
    // while G and B drop), covering the image rather than one corner.
    const { channels } = await sharp(out.data).stats();
    const [r, g, b] = channels.map((c) => c.mean);
    expect(g!).toBeLessThan(250);
    expect(b!).toBeLessThan(250);
    expect(r! - g!).toBeGreaterThan(5);
    for (const region of [
      { left: 0, top: 0 },
      { left: 600, top: 0 },
      { left: 0, top: 400 },
      { left: 600, top: 400 },
    ]) {
      const quarter = await regionStats(out.data, { ...region, width: 200, height: 200 });
      expect(quarter[1]!.min, JSON.stringify(region)).toBeLessThan(200);
    }
    // ...yet semi-transparent: no pixel is solid red, so what lies beneath stays readable.
    expect(channels[1]!.min).toBeGreaterThan(100);
  });

  it('downscales a large JPEG to 2000 px on the long side', async () => {
    const jpeg = await noise(4000, 3000).jpeg({ quality: 60 }).toBuffer();
    const out = await stampImage({ image: jpeg, text: PURPOSE, footer: FOOTER });
    expect(isJpeg(out.data)).toBe(true);
    expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(2000);
    expect(out.width).toBe(2000);
    const meta = await sharp(out.data).metadata();
    expect([meta.width, meta.height]).toEqual([out.width, out.height]);
  });

  it('applies the EXIF orientation and then drops all metadata', async () => {
    const jpeg = await blank(300, 200)
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'x', Artist: 'GPS here' } } })
      .toBuffer();
    const before = await sharp(jpeg).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);

    const out = await stampImage({ image: jpeg, text: PURPOSE });
    const after = await sharp(out.data).metadata();
    expect([after.width, after.height]).toEqual([200, 300]);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
  });

  it('adds the footer in a band below the document, not over it', async () => {
    const png = await blank(1000, 600).png().toBuffer();
    const plain = await stampImage({ image: png, text: PURPOSE });
    const withFooter = await stampImage({ image: png, text: PURPOSE, footer: FOOTER });
    expect(plain.height).toBe(600);
    expect(withFooter.width).toBe(1000);
    expect(withFooter.height).toBeGreaterThan(600);

    const band = await regionStats(withFooter.data, {
      left: 0,
      top: 602,
      width: 1000,
      height: withFooter.height - 602,
    });
    // Dark grey text on white: not empty, and no red watermark over the footer.
    expect(band[0]!.min).toBeLessThan(120);
    expect(Math.abs(band[0]!.mean - band[1]!.mean)).toBeLessThan(1);
    // The document above it still carries the watermark.
    const doc = await regionStats(withFooter.data, { left: 0, top: 0, width: 1000, height: 600 });
    expect(doc[0]!.mean - doc[1]!.mean).toBeGreaterThan(5);
  });

  it('keeps a tall image with a footer within 2000 px', async () => {
    const png = await blank(1000, 3000).png().toBuffer();
    const out = await stampImage({ image: png, text: PURPOSE, footer: FOOTER });
    expect(out.height).toBeLessThanOrEqual(2000);
  });

  it('accepts WebP, greyscale and transparent PNG', async () => {
    for (const image of [
      await blank(300, 300).webp().toBuffer(),
      await blank(300, 300).toColourspace('b-w').png().toBuffer(),
      await sharp({ create: { width: 300, height: 300, channels: 4, background: '#0000' } })
        .png()
        .toBuffer(),
    ]) {
      const out = await stampImage({ image, text: PURPOSE });
      expect(isJpeg(out.data)).toBe(true);
      // Red survives a grey input; transparency becomes white, not black.
      const [r, g] = (await sharp(out.data).stats()).channels.map((c) => c.mean);
      expect(r!).toBeGreaterThan(230);
      expect(r! - g!).toBeGreaterThan(5);
    }
  });

  it('escapes XML-special characters in the purpose instead of breaking the overlay', async () => {
    const png = await blank(600, 400).png().toBuffer();
    const hostile = `<script>&"'</script> ]]> <!ENTITY x SYSTEM "file:///etc/passwd"> &x;\u0001`;
    const out = await stampImage({ image: png, text: hostile, footer: `A&B <"物业">` });
    expect(isJpeg(out.data)).toBe(true);
    expect((await sharp(out.data).stats()).channels[1]!.mean).toBeLessThan(250);
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });

  it('refuses an empty purpose', async () => {
    const png = await blank(10, 10).png().toBuffer();
    await expect(stampImage({ image: png, text: ' \n ' })).rejects.toThrow(TypeError);
  });

  it('rejects what is not a JPEG, PNG or WebP', async () => {
    const cases = [
      Buffer.from('身份证号 110101199003071234\n'),
      Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1'),
      Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
          '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
      ),
      Buffer.concat([Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]),
      await blank(10, 10).tiff().toBuffer(),
      Buffer.alloc(0),
    ];
    for (const image of cases) {
      expect(await rejection(stampImage({ image, text: PURPOSE }))).toBe('not_image');
    }
  });

  it('rejects truncated and corrupt images as unreadable', async () => {
    const jpeg = await noise(400, 300).jpeg().toBuffer();
    const png = await noise(400, 300).png().toBuffer();
    const cases = [
      jpeg.subarray(0, jpeg.length >> 1),
      jpeg.subarray(0, 100),
      png.subarray(0, png.length >> 1),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]),
    ];
    for (const image of cases) {
      expect(await rejection(stampImage({ image, text: PURPOSE }))).toBe('unreadable');
    }
  });

  it('rejects a decompression bomb by its declared size, before decoding it', async () => {
    const bomb = bombPng(10_000, 10_000);
    expect(bomb.length).toBeLessThan(200);
    const started = Date.now();
    expect(await rejection(stampImage({ image: bomb, text: PURPOSE }))).toBe('too_large');
    expect(Date.now() - started).toBeLessThan(1000);

    const small = await blank(100, 100).png().toBuffer();
    expect(await rejection(stampImage({ image: small, text: PURPOSE }, { maxPixels: 9_999 }))).toBe(
      'too_large',
    );
    await expect(stampImage({ image: small, text: PURPOSE }, { maxPixels: 10_000 })).resolves.toBeDefined();
  });

  it('writes a sample for a human to look at (/tmp/stamp-sample.png)', async () => {
    const photo = await mockIdCard().jpeg({ quality: 90 }).toBuffer();
    const out = await stampImage({ image: photo, text: PURPOSE, footer: FOOTER });
    await writeFile('/tmp/stamp-sample.png', await sharp(out.data).png().toBuffer());
    expect(out.width).toBe(1400);
  });
});
