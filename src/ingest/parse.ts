import { DEFAULTS } from '../config/defaults.js';
import { InputError, UsageError } from '../errors.js';
import type { Profile } from '../model/profile.js';
import { platform } from '../util/platform.js';
import { isGzip } from './gzip-magic.js';
import { parseLegacyCpu } from './legacy-cpu.js';
import { UnrecognizedFormat } from './legacy-lines.js';
import { parseLegacyText } from './legacy-text.js';
import { decodeProtoFast, type ProtoDecoder } from './proto-fast.js';
import { simplifyDemangledNames } from './demangle.js';
import { qualifyAnonymousJsFunctions } from './js-names.js';
import { mergeThenPrune } from '../profile/prune.js';
import { sniff, unrecognizedFormatMessage } from './sniff.js';
import { notAProfile, unrecognizedMessage } from './not-a-profile.js';
import { checkHeapBudget } from './heap-budget.js';
import { parseV8CpuProfile } from './v8-cpu.js';
import { parseV8HeapProfile } from './v8-heap.js';

/** The one-line message for content that is none of the formats (for the CLI's own wording too). */
export { UNRECOGNIZED_FORMAT, unrecognizedFormatMessage } from './sniff.js';

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
  /**
   * `false`: leave the profile's drop_frames unapplied. pprof prunes once, after merging all the
   * sources and the base, with the first source's drop_frames (so a legacy heap profile's rules
   * also prune a protobuf merged after it, and a protobuf first means no pruning at all); the CLI
   * does that through `mergeThenPrune`. Default: applied here, for one profile.
   */
  dropFrames?: boolean;
}

/**
 * bytes → one normalized Profile: gunzip when the content starts with `1f 8b`, then sniff the
 * content (protobuf, pprof's legacy text and binary formats, or a V8 CPU or sampling heap
 * profile), decode, and
 * apply the profile's own drop_frames as pprof does.
 * `source` names the input in error messages. Throws InputError.
 */
export function parseProfile(bytes: Uint8Array, source = 'profile', opts: ParseOptions = { maxInflate: DEFAULTS.maxInflate }): Profile {
  // A library call with something else than bytes: say so, rather than fail somewhere inside.
  if (!(bytes instanceof Uint8Array)) throw new UsageError(`parseProfile: want the profile's bytes (a Uint8Array or Buffer), got ${bytes === null ? 'null' : typeof bytes}`);
  let data = bytes;
  try {
    if (!opts.inflated && isGzip(data)) data = platform().gunzip(data, opts.maxInflate);
  } catch (e) {
    throw new InputError(source, (e as Error).message);
  }
  const kind = sniff(data);
  let p: Profile;
  try {
    // Images, archives, binaries: named, before a decoder or the legacy parser complains.
    const foreign = notAProfile(data.subarray(0, 4096));
    if (foreign) throw new Error(unrecognizedMessage(foreign));
    if (opts.heapLimit !== undefined && kind !== 'proto') checkHeapBudget(data.length, opts.heapLimit);
    switch (kind) {
      case 'empty':
        throw new Error('empty input (0 bytes)');
      case 'html':
        throw new Error('not a profile: got an HTML page');
      case 'binary':
        throw new Error(unrecognizedFormatMessage(data));
      case 'text':
      case 'legacy-heap':
        p = parseText(data, kind === 'legacy-heap');
        break;
      case 'legacy-cpu':
        p = parseLegacyCpu(data);
        break;
      case 'v8-cpu':
        p = parseV8CpuProfile(utf8(data));
        break;
      case 'v8-heap':
        p = parseV8HeapProfile(utf8(data));
        break;
      case 'proto':
        p = opts.decoder ? opts.decoder.end() : decodeProtoFast(data);
        if (p.sampleTypes.length === 0 && p.samples.count === 0) {
          throw new Error('not a profile: no sample types and no samples (unrecognized or empty protobuf)');
        }
        break;
    }
    // pprof's order: symbolize (name simplification), then drop_frames.
    p = simplifyDemangledNames(p);
    if (opts.dropFrames !== false) p = mergeThenPrune(p);
    if (!opts.mergeAnonymous) p = qualifyAnonymousJsFunctions(p);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(source, (e as Error).message);
  }
  p.meta.sources = [source];
  return p;
}

/** Legacy text profiles (legacy-text.ts); text that none of them is gets the one-line message. */
function parseText(data: Uint8Array, heapLike: boolean): Profile {
  try {
    return parseLegacyText(utf8(data), heapLike);
  } catch (e) {
    if (e instanceof UnrecognizedFormat) throw new Error(unrecognizedFormatMessage(data));
    throw e;
  }
}

/**
 * The bytes as text, as Node's Buffer#toString('utf8') reads them: a bad sequence becomes U+FFFD
 * and a leading byte-order mark stays (the parsers decide about it).
 */
function utf8(data: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(data);
}
