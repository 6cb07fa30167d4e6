import { InputError } from '../errors.js';
import type { Profile } from '../model/profile.js';
import { gunzipCapped, isGzip } from './gunzip.js';
import { parseLegacyHeap } from './legacy-heap.js';
import { decodeProtoFast, type ProtoDecoder } from './proto-fast.js';
import { simplifyDemangledNames } from './demangle.js';
import { qualifyAnonymousJsFunctions } from './js-names.js';
import { removeUninteresting } from './prune.js';
import { checkHeapBudget } from './heap-budget.js';
import { sniff } from './sniff.js';
import { parseV8CpuProfile } from './v8-cpu.js';
import { parseV8HeapProfile } from './v8-heap.js';

export interface ParseOptions {
  /** Refuse gzip data that inflates past this many bytes. */
  maxInflate: number;
  /** Keep pprof's by-name merging of Node `(anonymous…)` functions instead of qualifying them with their file. */
  mergeAnonymous?: boolean;
  /** The bytes were already inflated from gzip (by loadProfile): never inflate a second level. */
  inflated?: boolean;
  /**
   * A protobuf decoder that was fed the inflated profile (by `inflateProfile`): the bytes given
   * are then its first ones only, to tell what the content is.
   */
  decoder?: ProtoDecoder | null;
  /** Node's heap limit: a text or JSON profile too large for it is refused (see heap-budget.ts). */
  heapLimit?: number;
}

/**
 * bytes → one normalized Profile: gunzip when the content starts with `1f 8b`, then sniff the
 * content (protobuf, Go's legacy heap text, or a V8 CPU or sampling heap profile), decode, and
 * apply the profile's own drop_frames as pprof does.
 * `source` names the input in error messages. Throws InputError.
 */
export function parseProfile(bytes: Uint8Array, source: string, opts: ParseOptions): Profile {
  let data = bytes;
  try {
    if (!opts.inflated && isGzip(data)) data = gunzipCapped(data, opts.maxInflate);
  } catch (e) {
    throw new InputError(source, (e as Error).message);
  }
  const kind = sniff(data);
  let p: Profile;
  try {
    if (opts.heapLimit !== undefined && kind !== 'proto') checkHeapBudget(data.length, opts.heapLimit);
    switch (kind) {
      case 'empty':
        throw new Error('empty input (0 bytes)');
      case 'html':
        throw new Error('not a profile: got an HTML page');
      case 'text':
        throw new Error(`not a profile: unrecognized text format (starts with ${JSON.stringify(firstLine(data))})`);
      case 'legacy-heap':
        p = parseLegacyHeap(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
        break;
      case 'v8-cpu':
        p = parseV8CpuProfile(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
        break;
      case 'v8-heap':
        p = parseV8HeapProfile(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
        break;
      case 'proto':
        p = opts.decoder ? opts.decoder.end() : decodeProtoFast(data);
        if (p.sampleTypes.length === 0 && p.samples.count === 0) {
          throw new Error('not a profile: no sample types and no samples (unrecognized or empty protobuf)');
        }
        break;
    }
    // pprof's order: symbolize (name simplification), then drop_frames.
    p = removeUninteresting(simplifyDemangledNames(p));
    if (!opts.mergeAnonymous) p = qualifyAnonymousJsFunctions(p);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(source, (e as Error).message);
  }
  p.meta.sources = [source];
  return p;
}

function firstLine(data: Uint8Array): string {
  const s = Buffer.from(data.subarray(0, 60)).toString('utf8');
  return s.split('\n', 1)[0] ?? '';
}
