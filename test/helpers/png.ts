import { deflateSync, inflateSync } from 'node:zlib';

/** A tiny PNG reader/writer for tests: 8-bit RGBA or RGB, not interlaced (what resvg writes). */
export interface Image {
  width: number;
  height: number;
  /** RGBA, row-major. */
  rgba: Uint8Array;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk (throws if `png` is not a PNG). */
export function pngHeader(png: Uint8Array): { width: number; height: number; bitDepth: number; colorType: number } {
  const b = Buffer.from(png);
  if (!b.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  if (b.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG: first chunk is not IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bitDepth: b[24]!, colorType: b[25]! };
}

export function decodePng(png: Uint8Array): Image {
  const b = Buffer.from(png);
  const h = pngHeader(b);
  if (h.bitDepth !== 8 || (h.colorType !== 6 && h.colorType !== 2) || b[28] !== 0) throw new Error('unsupported PNG kind');
  const channels = h.colorType === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  let seenEnd = false;
  for (let at = 8; at < b.length; ) {
    const len = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + len));
    if (type === 'IEND') seenEnd = true;
    at += 12 + len;
  }
  if (!seenEnd) throw new Error('PNG has no IEND chunk');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = h.width * channels;
  const out = new Uint8Array(h.width * h.height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < h.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels]! : 0;
      const up = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let p = 0;
      if (filter === 1) p = a;
      else if (filter === 2) p = up;
      else if (filter === 3) p = (a + up) >> 1;
      else if (filter === 4) {
        const e = a + up - c;
        const [pa, pb, pc] = [Math.abs(e - a), Math.abs(e - up), Math.abs(e - c)];
        p = pa <= pb && pa <= pc ? a : pb <= pc ? up : c;
      }
      cur[x] = (line[x]! + p) & 0xff;
    }
    for (let x = 0; x < h.width; x++) {
      for (let k = 0; k < 3; k++) out[(y * h.width + x) * 4 + k] = cur[x * channels + k]!;
      out[(y * h.width + x) * 4 + 3] = channels === 4 ? cur[x * 4 + 3]! : 255;
    }
    prev = cur;
  }
  return { width: h.width, height: h.height, rgba: out };
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** Encodes RGBA as PNG (for looking at crops while debugging). */
export function encodePng(img: Image): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0);
  ihdr.writeUInt32BE(img.height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((img.width * 4 + 1) * img.height);
  for (let y = 0; y < img.height; y++) raw.set(img.rgba.subarray(y * img.width * 4, (y + 1) * img.width * 4), y * (img.width * 4 + 1) + 1);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export function crop(img: Image, x: number, y: number, w: number, h: number): Image {
  x = Math.max(0, Math.floor(x));
  y = Math.max(0, Math.floor(y));
  w = Math.min(img.width - x, Math.ceil(w));
  h = Math.min(img.height - y, Math.ceil(h));
  const rgba = new Uint8Array(w * h * 4);
  for (let r = 0; r < h; r++) rgba.set(img.rgba.subarray(((y + r) * img.width + x) * 4, ((y + r) * img.width + x + w) * 4), r * w * 4);
  return { width: w, height: h, rgba };
}

/** Pixels in a region darker than `threshold` (mean of R, G, B). */
export function darkPixels(img: Image, x: number, y: number, w: number, h: number, threshold = 110): number {
  const c = crop(img, x, y, w, h);
  let n = 0;
  for (let i = 0; i < c.rgba.length; i += 4) if ((c.rgba[i]! + c.rgba[i + 1]! + c.rgba[i + 2]!) / 3 < threshold) n++;
  return n;
}
