import { getHeapStatistics } from 'node:v8';
import { InputError, UsageError } from '../errors.js';
import { setTableHeapLimit } from '../ingest/table-budget.js';
export { checkHeapBudget, HEAP_BYTES_PER_INPUT_BYTE } from '../ingest/heap-budget.js';
import type { Profile } from '../model/profile.js';
import { isGzip } from '../ingest/gzip-magic.js';
import { inflateProfile } from './inflate-profile.js';
import type { ProtoDecoder } from '../ingest/proto-fast.js';
import { parseProfile, type ParseOptions } from '../ingest/parse.js';
import { precisionWarning } from '../ingest/precision.js';
import { DEFAULTS } from '../config/defaults.js';

/**
 * `parseProfile` for untrusted bytes: gzip input is first streamed through zlib counting the
 * output, so that a gzip bomb is refused in constant memory instead of after inflating up to
 * `maxInflate` bytes. A protobuf profile's memory is then checked from its own counts as it is
 * decoded (table-budget.ts); a text or JSON one's from its size (heap-budget.ts). Throws InputError.
 */
export async function loadProfile(bytes: Uint8Array, source = 'profile', options: Partial<ParseOptions> = {}): Promise<Profile> {
  // The library's callers may leave the options out (as parseProfile's may): the defaults then.
  const opts: ParseOptions = { ...options, maxInflate: options.maxInflate ?? DEFAULTS.maxInflate };
  if (!(bytes instanceof Uint8Array)) throw new UsageError(`loadProfile: want the profile's bytes (a Uint8Array or Buffer), got ${bytes === null ? 'null' : typeof bytes}`);
  if (!(opts.maxInflate > 0)) throw new UsageError(`loadProfile: maxInflate must be a positive number of bytes, got ${String(opts.maxInflate)}`);
  const heapLimit = getHeapStatistics().heap_size_limit;
  setTableHeapLimit(heapLimit);
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
  } catch (e) {
    throw new InputError(source, (e as Error).message);
  }
  const p = parseProfile(data, source, { ...opts, inflated, decoder, heapLimit });
  const lossy = precisionWarning(p);
  if (lossy) {
    p.meta.notes.push(lossy);
    (p.meta.warnings ??= []).push(`${source}: ${lossy}`);
  }
  return p;
}
