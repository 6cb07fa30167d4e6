/**
 * A strict walk over the wire format of profile.proto before pprof-format decodes it.
 *
 * pprof-format trusts its input: a length that runs past the end is silently cut short (a
 * truncated file decodes as a smaller profile), a multi-byte field key is misread, a packed list
 * that ends mid-varint loses its last number. This walk rejects all of that with the byte offset,
 * as Go's decoder would, and counts what the decode will allocate so that a profile too large for
 * the heap is refused before memory runs out.
 */

const enum W {
  Varint = 0,
  I64 = 1,
  Len = 2,
  I32 = 5,
}

/** What a field holds: a scalar varint, a repeated varint (packed or not), bytes, or a nested message. */
type Kind = 'varint' | 'varints' | 'bytes' | Schema;
interface Schema {
  name: string;
  fields: Record<number, [string, Kind]>;
}

const VALUE_TYPE: Schema = { name: 'ValueType', fields: { 1: ['type', 'varint'], 2: ['unit', 'varint'] } };
const LABEL: Schema = {
  name: 'Label',
  fields: { 1: ['key', 'varint'], 2: ['str', 'varint'], 3: ['num', 'varint'], 4: ['num_unit', 'varint'] },
};
const SAMPLE: Schema = { name: 'Sample', fields: { 1: ['location_id', 'varints'], 2: ['value', 'varints'], 3: ['label', LABEL] } };
const MAPPING: Schema = {
  name: 'Mapping',
  fields: Object.fromEntries(
    ['id', 'memory_start', 'memory_limit', 'file_offset', 'filename', 'build_id', 'has_functions', 'has_filenames', 'has_line_numbers', 'has_inline_frames'].map(
      (n, i) => [i + 1, [n, 'varint']],
    ),
  ),
};
const LINE: Schema = { name: 'Line', fields: { 1: ['function_id', 'varint'], 2: ['line', 'varint'], 3: ['column', 'varint'] } };
const LOCATION: Schema = {
  name: 'Location',
  fields: { 1: ['id', 'varint'], 2: ['mapping_id', 'varint'], 3: ['address', 'varint'], 4: ['line', LINE], 5: ['is_folded', 'varint'] },
};
const FUNCTION: Schema = {
  name: 'Function',
  fields: { 1: ['id', 'varint'], 2: ['name', 'varint'], 3: ['system_name', 'varint'], 4: ['filename', 'varint'], 5: ['start_line', 'varint'] },
};
const PROFILE: Schema = {
  name: 'Profile',
  fields: {
    1: ['sample_type', VALUE_TYPE],
    2: ['sample', SAMPLE],
    3: ['mapping', MAPPING],
    4: ['location', LOCATION],
    5: ['function', FUNCTION],
    6: ['string_table', 'bytes'],
    7: ['drop_frames', 'varint'],
    8: ['keep_frames', 'varint'],
    9: ['time_nanos', 'varint'],
    10: ['duration_nanos', 'varint'],
    11: ['period_type', VALUE_TYPE],
    12: ['period', 'varint'],
    13: ['comment', 'varints'],
    14: ['default_sample_type', 'varint'],
    15: ['doc_url', 'varint'],
  },
};

/** Counts of what the decode allocates, per message name, plus numbers and string bytes. */
export interface ProtoCounts {
  messages: Record<string, number>;
  /** Varints inside repeated (packed or not) fields: location ids, values, comments. */
  numbers: number;
  strings: number;
  stringBytes: number;
}

class Corrupt extends Error {}

/** Walks `bytes` as a Profile message; throws an Error naming the first problem and its byte offset. */
export function scanProto(bytes: Uint8Array): ProtoCounts {
  const counts: ProtoCounts = { messages: {}, numbers: 0, strings: 0, stringBytes: 0 };
  try {
    walk(bytes, 0, bytes.length, PROFILE, counts);
  } catch (e) {
    if (e instanceof Corrupt) throw new Error(`corrupt protobuf: ${e.message}`);
    throw e;
  }
  return counts;
}

/** Position after the last varint read (module state keeps the hot loop free of allocations). */
let next = 0;

/** Reads a varint at `pos` (before `end`) as a float; sets `next`. `what` is built only on error. */
function varint(b: Uint8Array, pos: number, end: number, what: () => string): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw new Corrupt(`${what()} at byte ${pos}: varint runs past the end (truncated?)`);
    const c = b[pos++]!;
    v += (c & 0x7f) * mul;
    mul *= 128;
    if (c < 0x80) {
      next = pos;
      return v;
    }
  }
  throw new Corrupt(`${what()} at byte ${pos - 10}: varint longer than 10 bytes`);
}

function walk(b: Uint8Array, pos: number, end: number, schema: Schema, counts: ProtoCounts): void {
  counts.messages[schema.name] = (counts.messages[schema.name] ?? 0) + 1;
  while (pos < end) {
    const keyAt = pos;
    const key = varint(b, pos, end, () => `${schema.name} field key`);
    pos = next;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new Corrupt(`${schema.name} at byte ${keyAt}: field number 0`);
    if (pos - keyAt > 1) {
      // pprof-format reads one-byte keys only (fields 1–15); profile.proto has no others.
      throw new Corrupt(`${schema.name} at byte ${keyAt}: field ${field} is not part of profile.proto`);
    }
    const spec = schema.fields[field];
    const where = () => `${schema.name}.${spec ? spec[0] : `field ${field}`} at byte ${keyAt}`;
    switch (wire) {
      case W.Varint: {
        if (spec && spec[1] !== 'varint' && spec[1] !== 'varints') throw new Corrupt(`${where()}: wire type varint, want length-delimited`);
        varint(b, pos, end, where);
        pos = next;
        if (spec?.[1] === 'varints') counts.numbers++;
        break;
      }
      case W.Len: {
        const len = varint(b, pos, end, where);
        pos = next;
        if (len > end - pos) {
          throw new Corrupt(`${where()}: declares ${len} bytes but only ${end - pos} remain (truncated or corrupt)`);
        }
        const stop = pos + len;
        const kind = spec?.[1];
        if (kind === 'varint') throw new Corrupt(`${where()}: wire type length-delimited, want varint`);
        if (kind === 'varints') {
          if (len > 0 && b[stop - 1]! >= 0x80) throw new Corrupt(`${where()}: packed list ends in the middle of a number`);
          for (let i = pos; i < stop; i++) if (b[i]! < 0x80) counts.numbers++;
        } else if (kind === 'bytes') {
          counts.strings++;
          counts.stringBytes += len;
        } else if (kind) {
          walk(b, pos, stop, kind, counts);
        }
        pos = stop;
        break;
      }
      case W.I64:
      case W.I32:
        // Not used by profile.proto; pprof-format cannot skip them.
        throw new Corrupt(`${where()}: fixed-width wire type ${wire}, which profile.proto never uses`);
      default:
        throw new Corrupt(`${where()}: invalid wire type ${wire}`);
    }
  }
}

/**
 * Bytes of JS heap that pprof-format's object-per-message decode plus the typed-array model take,
 * estimated from the counts (measured on Node 20: ~310 MB for a 16 MB, 271k-sample Go profile).
 */
export function estimateDecodeBytes(c: ProtoCounts, rawBytes: number): number {
  const msgs = Object.values(c.messages).reduce((a, b) => a + b, 0);
  return rawBytes * 2 + msgs * 250 + (c.messages['Sample'] ?? 0) * 250 + c.numbers * 24 + c.strings * 40 + c.stringBytes * 2;
}

/**
 * Refuses a profile whose decode would not fit in the JS heap (a V8 out-of-memory crash cannot
 * be caught), naming the sizes and how to allow more.
 */
export function checkDecodeBudget(c: ProtoCounts, rawBytes: number, heapLimit: number): void {
  const need = estimateDecodeBytes(c, rawBytes);
  if (need > heapLimit * 0.85) {
    const mb = (n: number) => `${Math.ceil(n / 2 ** 20)} MB`;
    throw new Error(
      `profile too large to decode: ${c.messages['Sample'] ?? 0} samples in ${mb(rawBytes)} need about ${mb(need)} of memory, ` +
        `over Node's heap limit of ${mb(heapLimit)} (raise it with NODE_OPTIONS=--max-old-space-size=${Math.ceil((need / 0.85) / 2 ** 20)})`,
    );
  }
}
