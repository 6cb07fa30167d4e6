import { createGunzip, gunzipSync } from 'node:zlib';
import { formatSize } from '../util/size.js';

/** True when the bytes start with the gzip magic `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function tooLarge(maxBytes: number): Error {
  return new Error(`inflates to more than ${formatSize(maxBytes)} (raise --max-inflate to allow it)`);
}

function gzipProblem(err: NodeJS.ErrnoException): Error {
  if (err.code === 'Z_BUF_ERROR' || /unexpected end/i.test(err.message)) return new Error('truncated gzip data');
  return new Error(`bad gzip data: ${err.message}`);
}

/**
 * Inflates gzip data, refusing to produce more than `maxBytes`. Throws an Error whose message
 * names the problem. Memory peaks at about the output size (zlib collects the output in chunks):
 * call `inflateChecked` first to refuse a gzip bomb in constant memory.
 */
export function gunzipCapped(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge(maxBytes);
    throw gzipProblem(err);
  }
}

/** Output kept by `inflateChecked` so the common case inflates once; past it, only counting goes on. */
export const KEEP_INFLATED = 64 * 1024 * 1024;

/**
 * Streams the gzip data through zlib counting the output, and rejects as soon as it passes
 * `maxBytes`. Resolves to the inflated size, and to the inflated bytes when they fit in `keep`:
 * ordinary profiles are inflated once, a gzip bomb costs at most `keep` bytes of memory.
 */
export function inflateChecked(bytes: Uint8Array, maxBytes: number, keep = KEEP_INFLATED): Promise<{ size: number; data: Uint8Array | null }> {
  // (The trailer's ISIZE field is not trusted: trailing bytes after the last member would make it
  // anything, and several members each carry their own.)
  return new Promise((resolve, reject) => {
    const z = createGunzip({ chunkSize: 256 * 1024 });
    let n = 0;
    let chunks: Buffer[] | null = keep > 0 ? [] : null;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      z.destroy();
      reject(e);
    };
    z.on('data', (c: Buffer) => {
      n += c.length;
      if (n > maxBytes) fail(tooLarge(maxBytes));
      else if (chunks) {
        if (n <= keep) chunks.push(c);
        else chunks = null;
      }
    });
    z.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ size: n, data: chunks ? Buffer.concat(chunks, n) : null });
    });
    z.on('error', (e) => fail(gzipProblem(e as NodeJS.ErrnoException)));
    // Feed in slices so that a refusal stops the work early instead of after the whole input.
    const step = 64 * 1024;
    let off = 0;
    const feed = () => {
      while (!settled && off < bytes.length) {
        const more = z.write(bytes.subarray(off, Math.min(off + step, bytes.length)));
        off += step;
        if (!more) {
          z.once('drain', feed);
          return;
        }
      }
      if (!settled) z.end();
    };
    feed();
  });
}
