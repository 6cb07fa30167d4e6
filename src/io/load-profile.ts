import { getHeapStatistics } from 'node:v8';
import { InputError } from '../errors.js';
import type { Profile } from '../model/profile.js';
import { isGzip } from '../ingest/gzip-magic.js';
import { inflateProfile } from './inflate-profile.js';
import type { ProtoDecoder } from '../ingest/proto-fast.js';
import { parseProfile, type ParseOptions } from '../ingest/parse.js';

/**
 * JS heap a report needs per byte of (inflated) profile, measured on Node 20 with the typed-array
 * decoder: a 28 MB protobuf of 1M shallow samples needs 400–700 MB of heap for parse + analysis
 * (Go profiles with deeper stacks need less per byte). Conservative on purpose.
 */
export const HEAP_BYTES_PER_INPUT_BYTE = 20;

/**
 * Refuses input whose report would not fit in the JS heap: V8 running out of memory is a crash
 * that no handler can catch, so say it up front, with the sizes and the way to allow more.
 */
export function checkHeapBudget(profileBytes: number, heapLimit: number): void {
  const need = profileBytes * HEAP_BYTES_PER_INPUT_BYTE;
  if (need <= heapLimit * 0.9) return;
  const mb = (n: number) => Math.ceil(n / 2 ** 20);
  throw new Error(
    `profile too large for this process: ${mb(profileBytes)} MB of profile data need about ${mb(need)} MB of memory, ` +
      `over Node's heap limit of ${mb(heapLimit)} MB (raise it with NODE_OPTIONS=--max-old-space-size=${Math.ceil(mb(need) / 0.9)})`,
  );
}

/**
 * `parseProfile` for untrusted bytes: gzip input is first streamed through zlib counting the
 * output, so that a gzip bomb is refused in constant memory instead of after inflating up to
 * `maxInflate` bytes; then the (inflated) size is checked against the heap. Throws InputError.
 */
export async function loadProfile(bytes: Uint8Array, source: string, opts: ParseOptions): Promise<Profile> {
  let data = bytes;
  let inflated = false;
  let decoder: ProtoDecoder | null = null;
  try {
    let size = bytes.length;
    if (isGzip(bytes)) {
      const r = await inflateProfile(bytes, opts.maxInflate);
      size = r.size;
      // Inflated once when it fitted the keep budget (into the decoder, for a protobuf profile:
      // parseProfile only looks at its first bytes); otherwise parseProfile inflates it again.
      if (r.decoder) {
        data = r.decoder.head();
        inflated = true;
        decoder = r.decoder;
      } else if (r.data) {
        data = r.data;
        inflated = true;
      }
    }
    checkHeapBudget(size, getHeapStatistics().heap_size_limit);
  } catch (e) {
    throw new InputError(source, (e as Error).message);
  }
  return parseProfile(data, source, { ...opts, inflated, decoder });
}
