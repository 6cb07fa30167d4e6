import { EMPTY_LABEL_SET, type LabelSet, type Samples } from '../model/profile.js';
import { fieldOf, int64, length, next, ProtoReader, uvarint } from './proto-reader.js';

// The decoder's hot loop: every `Sample` message of a profile.proto, straight into typed arrays.
// Plain functions over (bytes, position), so nothing is allocated per number; short varints (one or
// two bytes for location ids, up to three for values: almost all of them) are read inline. Same
// checks and messages as `ProtoReader`.

/** A Label message's fields as raw string-table indices (strings may come after the samples). */
interface RawLabel {
  key: number;
  str: number;
  num: number;
  numUnit: number;
}

function label(b: Uint8Array, p: number, end: number, l: RawLabel): void {
  l.key = l.str = l.num = l.numUnit = 0;
  while (p < end) {
    const k = uvarint(b, p, end);
    p = next;
    if (k < 8) throw new Error('invalid field number 0');
    if ((k & 7) !== 0 || k > 0x27) {
      const r = new ProtoReader(b, p, end);
      r.skip(k & 7);
      p = r.pos;
      continue;
    }
    const f = k >>> 3;
    if (f === 3) l.num = int64(b, p, end);
    else {
      const v = uvarint(b, p, end);
      if (f === 1) l.key = v;
      else if (f === 2) l.str = v;
      else l.numUnit = v;
    }
    p = next;
  }
}

/** Packed location ids from `p` to `stop` into `out` from `o` on, as location indices; returns the new end. */
function locationIds(b: Uint8Array, p: number, stop: number, out: Uint32Array | Uint16Array, o: number, table: Int32Array, lookup: (id: number) => number): number {
  const tableLen = table.length;
  while (p < stop) {
    let id = b[p++]!;
    if (id >= 0x80) {
      if (p < stop && b[p]! < 0x80) id = (id & 0x7f) | (b[p++]! << 7);
      else {
        id = uvarint(b, p - 1, stop);
        p = next;
      }
    }
    const li = id < tableLen ? table[id]! : lookup(id);
    if (li < 0) throw new Error(`corrupt protobuf: sample references unknown location ${id}`);
    out[o++] = li;
  }
  return o;
}

/** Maps a location id to its index in `Profile.locations`; -1 when unknown. */
export interface LocationIds {
  /** How many locations there are. */
  count: number;
  /** Dense ids: `table[id]` (-1 for holes); ids past its end go to `lookup`. */
  table: Int32Array;
  lookup: (id: number) => number;
}

/**
 * Decodes the samples whose bytes are `ranges[2s] .. ranges[2s+1]`, with `nv` values each. Label
 * sets are interned by raw indices and turned into strings with `str` once per distinct set.
 *
 * Two passes, so the location array is allocated once at its exact size (growing and trimming a
 * 5M-entry array cost more than the second pass): the first reads values and labels and counts the
 * location ids (a varint ends on each byte below 0x80), remembering where each sample's packed ids
 * are; the second turns those ids into location indices. Each pass is a small function called per
 * sample: V8 optimizes those within a few hundred samples, where one big loop waits for on-stack
 * replacement and deoptimizes when it reaches code that has not run yet.
 */
export function decodeSamples(b: Uint8Array, ranges: Uint32Array, nv: number, ids: LocationIds, str: (i: number) => string): Samples {
  const count = ranges.length / 2;
  const first = new FirstPass(b, count, nv, str);
  for (let s = 0; s < count; s++) first.sample(s, ranges[2 * s]!, ranges[2 * s + 1]!);
  const nLocs = first.nLocs;
  first.stackStart[count] = nLocs;

  // Most profiles have far fewer than 65,536 locations: 16-bit indices halve the largest array.
  const locs = ids.count <= 0x10000 ? new Uint16Array(nLocs) : new Uint32Array(nLocs);
  const { idsFrom, idsTo } = first;
  const { table, lookup } = ids;
  let o = 0;
  for (let s = 0; s < count; s++) {
    if (idsFrom[s]! >= 0) o = locationIds(b, idsFrom[s]!, idsTo[s]!, locs, o, table, lookup);
    else o = scatteredIds(first.reader, ranges[2 * s]!, ranges[2 * s + 1]!, locs, o, table, lookup);
  }
  if (o !== nLocs) throw new Error('location ids changed between passes');
  return { count, stackStart: first.stackStart, locs, values: first.values, labelSet: first.labelSet, labelSets: first.labelSets };
}

/** The first pass: values, labels, and where the location ids are. */
class FirstPass {
  readonly stackStart: Uint32Array;
  /** Where sample s's one packed location_id field lies; idsFrom[s] = -1: several fields, or unpacked. */
  readonly idsFrom: Int32Array;
  readonly idsTo: Int32Array;
  readonly values: Float64Array;
  readonly labelSet: Uint32Array;
  readonly labelSets: LabelSet[] = [EMPTY_LABEL_SET];
  readonly reader: ProtoReader;
  nLocs = 0;
  private readonly words: Uint32Array;
  private readonly wordsFrom: number;
  private readonly labelIndex = new Map<string, number>();
  private readonly pool: RawLabel[] = [];
  // Go heap profiles: one numeric `bytes` label per sample, same key and unit every time.
  private lastKey = -1;
  private lastUnit = -1;
  private byNum = new Map<number, number>();
  private readonly single = new Map<string, Map<number, number>>();

  constructor(
    private readonly b: Uint8Array,
    count: number,
    private readonly nv: number,
    private readonly str: (i: number) => string,
  ) {
    this.stackStart = new Uint32Array(count + 1);
    this.idsFrom = new Int32Array(count);
    this.idsTo = new Int32Array(count);
    this.values = new Float64Array(count * nv);
    this.labelSet = new Uint32Array(count);
    this.reader = new ProtoReader(b, 0, 0);
    // `b` seen as 32-bit words from its first 4-byte-aligned byte on (for continuationBytes).
    // (A view shorter than its alignment gap has no words: every byte is counted one by one.)
    const gap = (4 - (b.byteOffset & 3)) & 3;
    this.wordsFrom = gap <= b.length ? gap : 0;
    this.words = gap <= b.length ? new Uint32Array(b.buffer, b.byteOffset + gap, (b.length - gap) >>> 2) : new Uint32Array(0);
  }

  sample(s: number, p: number, end: number): void {
    const { b, nv, values } = this;
    this.stackStart[s] = this.nLocs;
    let nVals = 0;
    let nLabels = 0;
    const row = s * nv;
    while (p < end) {
      let k = b[p++]!;
      if (k >= 0x80) {
        k = uvarint(b, p - 1, end);
        p = next;
      }
      if (k < 8) throw new Error('invalid field number 0');
      if (k === 0x0a) {
        const n = length(b, p, end);
        p = next;
        const stop = p + n;
        this.nLocs += n - this.continuationBytes(p, stop);
        if (this.idsTo[s] === 0) {
          this.idsFrom[s] = p;
          this.idsTo[s] = stop;
        } else this.idsFrom[s] = -1;
        p = stop;
      } else if (k === 0x12) {
        const n = length(b, p, end);
        p = next;
        const stop = p + n;
        while (p < stop) {
          let v = b[p]!;
          if (v < 0x80) p++;
          else if (p + 1 < stop && b[p + 1]! < 0x80) {
            v = (v & 0x7f) | (b[p + 1]! << 7);
            p += 2;
          } else if (p + 2 < stop && b[p + 1]! >= 0x80 && b[p + 2]! < 0x80) {
            v = (v & 0x7f) | ((b[p + 1]! & 0x7f) << 7) | (b[p + 2]! << 14);
            p += 3;
          } else {
            v = int64(b, p, stop);
            p = next;
          }
          if (nVals < nv) values[row + nVals] = v;
          nVals++;
        }
      } else if (k === 0x1a) {
        const n = length(b, p, end);
        p = next;
        if (nLabels === this.pool.length) this.pool.push({ key: 0, str: 0, num: 0, numUnit: 0 });
        label(b, p, p + n, this.pool[nLabels++]!);
        p += n;
      } else {
        // Unpacked repeated fields and unknown fields: rare, read with the general reader.
        const r = this.reader;
        r.reset(p, end);
        const field = fieldOf(k);
        const wire = k & 7;
        if (field === 1) {
          r.repeated(wire, false, () => this.nLocs++);
          this.idsFrom[s] = -1;
          this.idsTo[s] = 1;
        } else if (field === 2) {
          r.repeated(wire, true, (v) => {
            if (nVals < nv) values[row + nVals] = v;
            nVals++;
          });
        } else r.skip(wire);
        p = r.pos;
      }
    }
    if (nVals !== nv) throw new Error(`corrupt protobuf: mismatch: sample has ${nVals} values vs. ${nv} types`);
    if (nLabels > 0) this.labelSet[s] = this.labels(nLabels);
  }

  /** Bytes with the high bit set in `p .. stop`, four at a time: a varint ends on each other byte. */
  private continuationBytes(p: number, stop: number): number {
    const { b, words, wordsFrom } = this;
    let c = 0;
    let q = p;
    while (q < stop && ((q - wordsFrom) & 3) !== 0) c += b[q++]! >>> 7;
    for (; q + 4 <= stop; q += 4) c += Math.imul((words[(q - wordsFrom) >> 2]! >>> 7) & 0x01010101, 0x01010101) >>> 24;
    while (q < stop) c += b[q++]! >>> 7;
    return c;
  }

  private labels(n: number): number {
    const l = this.pool[0]!;
    if (n > 1 || l.str !== 0) return internLabels(this.pool, n, this.labelSets, this.labelIndex, this.str);
    if (l.key !== this.lastKey || l.numUnit !== this.lastUnit) {
      const k = `${l.key},${l.numUnit}`;
      let m = this.single.get(k);
      if (!m) this.single.set(k, (m = new Map()));
      this.byNum = m;
      this.lastKey = l.key;
      this.lastUnit = l.numUnit;
    }
    let idx = this.byNum.get(l.num);
    if (idx === undefined) {
      idx = internLabels(this.pool, 1, this.labelSets, this.labelIndex, this.str);
      this.byNum.set(l.num, idx);
    }
    return idx;
  }
}

/** A sample whose location ids come in several fields or unpacked: read them with the general reader. */
function scatteredIds(r: ProtoReader, start: number, end: number, out: Uint32Array | Uint16Array, o: number, table: Int32Array, lookup: (id: number) => number): number {
  r.reset(start, end);
  while (!r.done) {
    const k = r.keyRaw();
    const wire = k & 7;
    if (k >= 8 && k < 16) {
      r.repeated(wire, false, (id) => {
        const li = id < table.length ? table[id]! : lookup(id);
        if (li < 0) throw new Error(`corrupt protobuf: sample references unknown location ${id}`);
        out[o++] = li;
      });
    } else r.skip(wire);
  }
  return o;
}

/** Interns a sample's labels by their raw string indices (cheap key), building the LabelSet once. */
function internLabels(pool: RawLabel[], n: number, sets: LabelSet[], index: Map<string, number>, str: (i: number) => string): number {
  let key = '';
  for (let j = 0; j < n; j++) {
    const l = pool[j]!;
    key += `${l.key},${l.str},${l.num},${l.numUnit};`;
  }
  let i = index.get(key);
  if (i !== undefined) return i;
  const set: LabelSet = { str: {}, num: {}, numUnit: {} };
  for (let j = 0; j < n; j++) {
    const l = pool[j]!;
    const k = str(l.key);
    if (l.str !== 0) (set.str[k] ??= []).push(str(l.str));
    else {
      (set.num[k] ??= []).push(l.num);
      (set.numUnit[k] ??= []).push(str(l.numUnit));
    }
  }
  for (const k of Object.keys(set.numUnit)) if (set.numUnit[k]!.every((u) => u === '')) delete set.numUnit[k];
  i = sets.length;
  sets.push(set);
  index.set(key, i);
  return i;
}
