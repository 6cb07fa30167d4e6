import { createGunzip, gunzipSync } from 'node:zlib';
import { formatSize } from '../util/size.js';

export { isGzip } from '../ingest/gzip-magic.js';

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

export interface Inflated {
  size: number;
  /** The inflated bytes; null past the keep budget, or when a consumer took them. */
  data: Uint8Array | null;
  /** The consumer that took the bytes, when one did (see `inflateChecked`). */
  consumer?: ChunkConsumer;
}

/** Takes the inflated bytes chunk by chunk, in order (and may keep the chunks: they are its own). */
export interface ChunkConsumer {
  push(chunk: Uint8Array): void;
  /** An error that makes inflating on pointless (the profile is refused whatever follows), if any. */
  stop?(): Error | null;
  /**
   * Whether it goes on taking chunks past the keep budget (up to the trailer's claim): a decoder
   * that holds no more than decoding the whole would, and has not failed. Otherwise it is dropped
   * there, and the bytes are only counted (to be inflated again, if within the cap).
   */
  pastKeep?(): boolean;
  /**
   * The output goes on to about `total` bytes: called once, when it passes the keep budget and
   * the trailer claims more within the cap (the factory's hint stops at the budget, so that a
   * small input's trailer cannot make the consumer size itself for a gigabyte).
   */
  expect?(total: number): void;
}

/**
 * Called with the first inflated chunk and the expected total size (the trailer's ISIZE, a hint,
 * never more than the keep budget or the cap): returns the consumer for the whole output, or null
 * to have it collected as usual.
 */
export type ConsumerFactory = (first: Uint8Array, sizeHint: number) => ChunkConsumer | null;

const inflating = new WeakMap<Uint8Array, Map<string, Map<ConsumerFactory | null, Promise<Inflated>>>>();

/**
 * Streams the gzip data through zlib counting the output, and rejects as soon as it passes
 * `maxBytes`. Resolves to the inflated size, and to the inflated bytes when they fit in `keep`:
 * ordinary profiles are inflated once, a gzip bomb costs at most `keep` bytes of memory (one
 * that decodes as a protobuf profile and whose trailer claims a size within the cap goes on into
 * the decoder up to that claim: as much memory as a profile of that size).
 * With `consumer`, the output of a large input comes in 1 MiB chunks, each handed to the consumer
 * the factory returns while zlib inflates the next on libuv's thread pool (a decoder works as the
 * bytes arrive); past `keep` the consumer goes on only while it says it does (`pastKeep`: a
 * protobuf decoder still decoding, which would otherwise have the whole inflated and decoded again
 * after the count, holding as much) and only up to what the trailer claims when that is within
 * `maxBytes` (else, and past the claim, it is dropped and only counting goes on).
 */
export function inflateChecked(bytes: Uint8Array, maxBytes: number, keep = KEEP_INFLATED, consumer: ConsumerFactory | null = null): Promise<Inflated> {
  // The same bytes inflated twice (an early start by the CLI, then the load) share one run.
  let runs = inflating.get(bytes);
  if (!runs) inflating.set(bytes, (runs = new Map()));
  const key = `${maxBytes}:${keep}`;
  let byConsumer = runs.get(key);
  if (!byConsumer) runs.set(key, (byConsumer = new Map()));
  let run = byConsumer.get(consumer);
  if (!run) byConsumer.set(consumer, (run = inflate(bytes, maxBytes, keep, consumer)));
  return run;
}

/** Output chunks when a consumer works while zlib inflates: small enough to overlap, large enough to be few. */
const STREAM_CHUNK = 2 ** 20;

function inflate(bytes: Uint8Array, maxBytes: number, keep: number, makeConsumer: ConsumerFactory | null): Promise<Inflated> {
  // The trailer's ISIZE field is not trusted (trailing bytes after the last member would make it
  // anything, and several members each carry their own), only used to size zlib's output chunks:
  // an honest one lets zlib inflate the whole profile in one task on libuv's thread pool, without
  // waiting for the main thread between chunks; a lying one only changes the chunk size. The
  // output is counted chunk by chunk, so a gzip bomb is still refused after one chunk past the cap.
  const hint = bytes.length >= 18 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4, true) : 0;
  // One chunk up to 24 MiB (a large profile); past that, 1 MiB steps keep a bomb's memory small.
  // A consumer takes 1 MiB chunks of anything larger than two.
  const whole = hint < 24 * 2 ** 20 && hint < keep && !(makeConsumer && hint > 2 * STREAM_CHUNK);
  const chunkSize = whole ? Math.max(hint + 1, 256 * 1024) : STREAM_CHUNK;
  // A consumer goes on past `keep` up to the size the trailer claims, when that is within the cap:
  // otherwise a profile over `keep` (4M samples: 229 MiB) was inflated twice (counted here, then
  // again whole by parseProfile) and decoded from one copied buffer, ~1.5x the CPU per sample of
  // one under it. Output past the claim drops the consumer as before, so a bomb whose trailer is
  // honest (over the cap) still costs `keep` at most, and one that lies costs what it claims.
  const consumerKeep = hint <= maxBytes ? Math.max(keep, hint) : keep;
  return new Promise((resolve, reject) => {
    const z = createGunzip({ chunkSize });
    let n = 0;
    let chunks: Buffer[] | null = keep > 0 ? [] : null;
    let consumer: ChunkConsumer | null = null;
    let asked = makeConsumer === null;
    let expected = false;
    // Chunks wait here for the consumer, which takes them after zlib's callback returns: zlib
    // starts on the next chunk only then, so the consumer and zlib work at the same time.
    const queue: Buffer[] = [];
    let draining = false;
    let ended = false;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      z.destroy();
      reject(e);
    };
    const done = () => {
      if (settled) return;
      settled = true;
      if (consumer) return resolve({ size: n, data: null, consumer });
      const data = chunks === null ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, n);
      resolve({ size: n, data });
    };
    const drain = () => {
      draining = false;
      if (settled) return;
      for (let c = queue.shift(); c && consumer; c = queue.shift()) {
        consumer.push(c);
        const stop = consumer.stop?.();
        if (stop) return fail(stop);
      }
      queue.length = 0;
      if (ended) done();
    };
    z.on('data', (c: Buffer) => {
      n += c.length;
      if (n > maxBytes) return fail(tooLarge(maxBytes));
      if (n > keep && !(consumer !== null && n <= consumerKeep && (consumer.pastKeep?.() ?? true))) {
        chunks = null;
        consumer = null;
        return;
      }
      if (consumer && n > keep && !expected) {
        expected = true;
        try {
          consumer.expect?.(consumerKeep);
        } catch {
          // Sizing ahead only saves copies (arrays of a claimed gigabyte may not be had): the
          // consumer still grows as it fills.
        }
      }
      if (!asked) {
        asked = true;
        try {
          consumer = makeConsumer!(c, Math.min(Math.max(hint, c.length), keep, maxBytes));
        } catch (e) {
          return fail(e as Error);
        }
        if (consumer) chunks = null;
      }
      if (!consumer) chunks?.push(c);
      else {
        queue.push(c);
        if (!draining) {
          draining = true;
          setImmediate(drain);
        }
      }
    });
    z.on('end', () => {
      ended = true;
      if (!draining) done();
    });
    z.on('error', (e) => fail(gzipProblem(e as NodeJS.ErrnoException)));
    z.end(bytes);
  });
}
