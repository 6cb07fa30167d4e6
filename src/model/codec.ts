import type { Func, LabelSet, Location, Profile } from './profile.js';
import { fromBase64, toBase64 } from '../util/base64.js';
import { platform } from '../util/platform.js';
import { PairTable } from '../util/pair-table.js';
import { allSafeIntegers, decodeVarints, encodeVarints } from './varint.js';

/**
 * The model Profile (src/model/profile.ts) in the compact form the HTML page embeds in
 * `<script type="application/json" id="gr-profile">`, and back. Tables are JSON (functions and
 * locations as arrays, not objects); the samples' columns are one gzipped, base64 blob of
 * LEB128 varints (src/model/varint.ts):
 * - `depth`: each sample's stack depth;
 * - `frames`: the stacks root first, each frame coded by its caller (order-1 model): the 1-based
 *   position of the location among those already seen under the same caller, or 0 for a new one,
 *   which is then the next entry of `escapes`. A location has few callees, so the codes are small
 *   and repeat: gzip makes about a byte of each frame or less;
 * - each sample type's values, varints when they are all integers (zigzag when some are negative),
 *   else little-endian float64;
 * - `labelSet`, each sample's label-set index (left out when every sample has the empty set).
 * Nothing here is lossy: decodeProfile(encodeProfile(p)) holds the same samples in the same order.
 * The gzip is the platform's (Node's zlib at report time; the page's engine inflates with fflate).
 */
/** The profile's own fields, as they are. */
type PlainFields = 'sampleTypes' | 'defaultSampleType' | 'periodType' | 'period' | 'timeNanos' | 'durationNanos' | 'comments' | 'dropFrames' | 'keepFrames' | 'mappings' | 'meta';

export interface EncodedProfile extends Pick<Profile, PlainFields> {
  v: 2;
  /** [name, systemName (0 when the same as name), filename, startLine]. */
  functions: [string, string | 0, string, number][];
  /** [address, mapping, isFolded (0/1), [func, line, column]...]. */
  locations: [number, number, number, ...[number, number, number][]][];
  labelSets: LabelSet[];
  samples: {
    count: number;
    /** Total frames and escapes (the decoder's array sizes). */
    frames: number;
    escapes: number;
    /** The columns' byte lengths in `blob`, in order: depth, frames, escapes, values…, [labelSet]. */
    columns: number[];
    /** Per sample type: varints ("v"), zigzag varints ("z") or float64 ("f"). */
    values: ('v' | 'z' | 'f')[];
    labels: boolean;
    /** gzip, base64. */
    blob: string;
  };
}

/**
 * Slack of the early look (see `encodeProfile`). Deflate finds the same matches in a stretch of
 * its input within the whole as in that stretch alone but near the stretch's start (matches into
 * the 32 kB before it); what differs is how its symbols fall into blocks (16K symbols each, ~100 kB
 * at most), each with its own Huffman code. So the whole's gzip is not shorter than that of some of
 * its stretches laid end to end by more than a few blocks — this much covers that many times over.
 * (Measured on the bench's profiles and the samples: the whole is 1.2–2.5× the look's, never less.)
 */
export const PROBE_SLACK = 512 * 1024;

/**
 * The compact form of `p`; with `maxBlobChars`, null when the samples' blob alone would pass that
 * many characters. The gzip stops there; and when the columns that cost no lookup (depths, values,
 * label sets) are more raw bytes than the bound, their gzip laid end to end is looked at first: when
 * it passes the bound by `slack`, so does the whole blob's, and the frames are never coded (a
 * million-sample profile far over the page's cap). Either way the answer is the whole blob's (to
 * within the slack, which only a profile crafted to sit at the cap could meet: its page would then
 * not refine, and say so); the look only saves work. `slack`: for tests.
 */
export function encodeProfile(p: Profile): EncodedProfile;
export function encodeProfile(p: Profile, maxBlobChars: number, slack?: number): EncodedProfile | null;
export function encodeProfile(p: Profile, maxBlobChars?: number, slack = PROBE_SLACK): EncodedProfile | null {
  const s = p.samples;
  const nt = p.sampleTypes.length;
  const n = s.count;
  const depth = new Uint32Array(n);
  for (let i = 0; i < n; i++) depth[i] = s.stackStart[i + 1]! - s.stackStart[i]!;
  const depths = encodeVarints(depth);
  const values: EncodedProfile['samples']['values'] = [];
  const valueColumns: Uint8Array[] = [];
  for (let j = 0; j < nt; j++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = s.values[i * nt + j]!;
    if (allSafeIntegers(col)) {
      const negative = col.some((x) => x < 0);
      values.push(negative ? 'z' : 'v');
      valueColumns.push(encodeVarints(col, negative));
    } else {
      values.push('f');
      valueColumns.push(littleEndianFloats(col));
    }
  }
  const labels = s.labelSet.some((x) => x !== 0);
  if (labels) valueColumns.push(encodeVarints(s.labelSet));
  // Base64 makes 4 characters of each 3 bytes: past this many bytes the blob passes maxBlobChars.
  const gzBound = maxBlobChars === undefined ? undefined : Math.floor((maxBlobChars * 3) / 4) + 3;
  if (gzBound !== undefined) {
    const cheap = concat([depths, ...valueColumns]);
    if (cheap.length > gzBound && platform().gzip(cheap, gzBound + slack) === null) return null;
  }
  const frames = new Uint32Array(s.stackStart[n]!);
  const escapes: number[] = [];
  // (caller + 1, location) → its 1-based position among the locations seen under that caller
  // (caller -1: the root); seenUnder[caller + 1]: how many there are.
  const seen = new PairTable();
  const seenUnder = new Int32Array(p.locations.length + 1);
  let f = 0;
  for (let i = 0; i < n; i++) {
    let caller = -1;
    for (let k = s.stackStart[i + 1]! - 1; k >= s.stackStart[i]!; k--) {
      const loc = s.locs[k]!;
      const at = seen.find(caller + 1, loc);
      if (at < 0) {
        const count = seenUnder[caller + 1]! + 1;
        seenUnder[caller + 1] = count;
        seen.insert(at, caller + 1, loc, count);
        frames[f++] = 0;
        escapes.push(loc);
      } else frames[f++] = at;
      caller = loc;
    }
  }
  const columns: Uint8Array[] = [depths, encodeVarints(frames), encodeVarints(escapes), ...valueColumns];
  const gz = platform().gzip(concat(columns), gzBound);
  if (gz === null) return null;
  return {
    v: 2,
    sampleTypes: p.sampleTypes,
    defaultSampleType: p.defaultSampleType,
    periodType: p.periodType,
    period: p.period,
    timeNanos: p.timeNanos,
    durationNanos: p.durationNanos,
    comments: p.comments,
    dropFrames: p.dropFrames,
    keepFrames: p.keepFrames,
    functions: p.functions.map((fn) => [fn.name, fn.systemName === fn.name ? 0 : fn.systemName, fn.filename, fn.startLine]),
    locations: p.locations.map((l) => [l.address, l.mapping, l.isFolded ? 1 : 0, ...l.lines.map((x): [number, number, number] => [x.func, x.line, x.column])]),
    mappings: p.mappings,
    labelSets: s.labelSets,
    meta: p.meta,
    samples: { count: n, frames: f, escapes: escapes.length, columns: columns.map((c) => c.length), values, labels, blob: toBase64(gz) },
  };
}

/** The samples' blob, base64-decoded, still gzipped (a page may inflate it natively, off the main path). */
export function samplesBlob(e: EncodedProfile): Uint8Array {
  return fromBase64(e.samples.blob);
}

/**
 * The Profile back; `inflated` is the blob already inflated, else the platform's gunzip inflates
 * `gz` (the blob as `samplesBlob` decoded it, when the caller has it already).
 */
export function decodeProfile(e: EncodedProfile, inflated?: Uint8Array, gz?: Uint8Array): Profile {
  if (e.v !== 2) throw new Error(`embedded profile: unknown encoding version ${String(e.v)}`);
  const es = e.samples;
  const n = es.count;
  const nt = e.sampleTypes.length;
  const size = es.columns.reduce((t, c) => t + c, 0);
  const all = inflated ?? platform().gunzip(gz ?? samplesBlob(e), size);
  if (all.length !== size) throw new Error('embedded profile: the samples do not have the size recorded');
  let o = 0;
  const column = (k: number) => all.subarray(o, (o += es.columns[k]!));
  const depth = new Uint32Array(n);
  decodeVarints(column(0), n, depth);
  const codes = new Uint32Array(es.frames);
  decodeVarints(column(1), es.frames, codes);
  const escapes = new Uint32Array(es.escapes);
  decodeVarints(column(2), es.escapes, escapes);
  const stackStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) stackStart[i + 1] = stackStart[i]! + depth[i]!;
  if (stackStart[n] !== es.frames) throw new Error('embedded profile: stacks do not add up');
  // The decoder's rule (src/model/profile.ts): 16 bits each when the locations fit.
  const locs = e.locations.length <= 65_536 ? new Uint16Array(es.frames) : new Uint32Array(es.frames);
  const seen: number[][] = [];
  let f = 0;
  let x = 0;
  for (let i = 0; i < n; i++) {
    let caller = -1;
    // Root first in the blob, leaf first in the model.
    for (let k = stackStart[i + 1]! - 1; k >= stackStart[i]!; k--) {
      const list = (seen[caller + 1] ??= []);
      const c = codes[f++]!;
      let loc: number;
      if (c === 0) {
        loc = escapes[x++]!;
        list.push(loc);
      } else loc = list[c - 1]!;
      locs[k] = loc;
      caller = loc;
    }
  }
  const values = new Float64Array(n * nt);
  const col = new Float64Array(n);
  es.values.forEach((enc, j) => {
    const b = column(3 + j);
    if (enc === 'f') col.set(floatsFromLittleEndian(b, n));
    else decodeVarints(b, n, col, enc === 'z');
    for (let i = 0; i < n; i++) values[i * nt + j] = col[i]!;
  });
  const labelSet = new Uint32Array(n);
  if (es.labels) decodeVarints(column(3 + nt), n, labelSet);
  const functions: Func[] = e.functions.map(([name, sys, filename, startLine]) => ({ name, systemName: sys === 0 ? name : sys, filename, startLine }));
  const locations: Location[] = e.locations.map(([address, mapping, folded, ...lines]) => ({
    address,
    mapping,
    isFolded: folded === 1,
    lines: lines.map(([func, line, column]) => ({ func, line, column })),
  }));
  return {
    sampleTypes: e.sampleTypes,
    defaultSampleType: e.defaultSampleType,
    periodType: e.periodType,
    period: e.period,
    timeNanos: e.timeNanos,
    durationNanos: e.durationNanos,
    comments: e.comments,
    dropFrames: e.dropFrames,
    keepFrames: e.keepFrames,
    functions,
    locations,
    mappings: e.mappings,
    samples: { count: n, stackStart, locs, values, labelSet, labelSets: e.labelSets },
    meta: e.meta,
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((t, c) => t + c.length, 0));
  let o = 0;
  for (const c of parts) {
    all.set(c, o);
    o += c.length;
  }
  return all;
}

function littleEndianFloats(col: Float64Array): Uint8Array {
  const b = new Uint8Array(col.length * 8);
  const v = new DataView(b.buffer);
  for (let i = 0; i < col.length; i++) v.setFloat64(i * 8, col[i]!, true);
  return b;
}

function floatsFromLittleEndian(b: Uint8Array, n: number): Float64Array {
  if (b.length < n * 8) throw new Error('embedded profile: truncated column');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = v.getFloat64(i * 8, true);
  return out;
}
