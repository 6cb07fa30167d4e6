import { EMPTY_LABEL_SET, type LabelSet, type Samples } from '../model/profile.js';
import { ProtoReader } from './proto-reader.js';

/**
 * The decoder's hot loop: every `Sample` message of a profile.proto, straight into typed arrays.
 * Plain functions over (bytes, position) with the position after a varint kept in module state, so
 * nothing is allocated per number; one- and two-byte varints (almost every location id and count)
 * are read inline. Same checks and messages as `ProtoReader`.
 */

/** Position after the last varint read by `varint`, and that varint's high 32 bits. */
let next = 0;
let high = 0;

/** A varint at `p`, not reaching past `end`: returns its low 32 bits unsigned. */
function varint(b: Uint8Array, p: number, end: number): number {
  let lo = 0;
  let x = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (p >= end) throw new Error('truncated varint');
    x = b[p++]!;
    lo |= (x & 0x7f) << shift;
    if (x < 0x80) {
      next = p;
      high = 0;
      return lo >>> 0;
    }
  }
  if (p >= end) throw new Error('truncated varint');
  x = b[p++]!;
  lo |= (x & 0x0f) << 28;
  let hi = (x & 0x7f) >> 4;
  if (x >= 0x80) {
    for (let shift = 3; ; shift += 7) {
      if (shift > 31) throw new Error('malformed varint (more than 10 bytes)');
      if (p >= end) throw new Error('truncated varint');
      x = b[p++]!;
      hi |= (x & 0x7f) << shift;
      if (x < 0x80) break;
    }
  }
  next = p;
  high = hi;
  return lo >>> 0;
}

function uvarint(b: Uint8Array, p: number, end: number): number {
  const lo = varint(b, p, end);
  return high === 0 ? lo : (high >>> 0) * 4294967296 + lo;
}

function int64(b: Uint8Array, p: number, end: number): number {
  const lo = varint(b, p, end);
  return high === 0 ? lo : (high | 0) * 4294967296 + lo;
}

/** A length prefix at `p`, checked against `end`; `next` is where the field's bytes start. */
function length(b: Uint8Array, p: number, end: number): number {
  const n = uvarint(b, p, end);
  if (n > end - next) throw new Error(`field length ${n} exceeds the ${end - next} bytes left`);
  return n;
}

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
function locationIds(b: Uint8Array, p: number, stop: number, out: Uint32Array, o: number, table: Int32Array, lookup: (id: number) => number): number {
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
 * are; the second turns those ids into location indices.
 */
export function decodeSamples(b: Uint8Array, ranges: number[], nv: number, ids: LocationIds, str: (i: number) => string): Samples {
  const count = ranges.length / 2;
  const stackStart = new Uint32Array(count + 1);
  // Where sample s's one packed location_id field lies; idsFrom[s] = -1: several fields, or unpacked.
  const idsFrom = new Int32Array(count);
  const idsTo = new Int32Array(count);
  const values = new Float64Array(count * nv);
  const labelSet = new Uint32Array(count);
  const labelSets: LabelSet[] = [EMPTY_LABEL_SET];
  const labelIndex = new Map<string, number>();
  let nLocs = 0;
  const pool: RawLabel[] = [];
  // Go heap profiles: one numeric `bytes` label per sample, same key and unit every time.
  let lastKey = -1;
  let lastUnit = -1;
  let byNum = new Map<number, number>();
  const single = new Map<string, Map<number, number>>();
  const r = new ProtoReader(b, 0, 0);

  for (let s = 0; s < count; s++) {
    let p = ranges[2 * s]!;
    const end = ranges[2 * s + 1]!;
    stackStart[s] = nLocs;
    idsFrom[s] = idsTo[s] = 0;
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
        let c = 0;
        for (let q = p; q < stop; q++) c += b[q]! >>> 7;
        nLocs += n - c;
        if (idsTo[s] === 0) {
          idsFrom[s] = p;
          idsTo[s] = stop;
        } else idsFrom[s] = -1;
        p = stop;
      } else if (k === 0x12) {
        const n = length(b, p, end);
        p = next;
        const stop = p + n;
        while (p < stop) {
          let v = b[p++]!;
          if (v >= 0x80) {
            v = int64(b, p - 1, stop);
            p = next;
          }
          if (nVals < nv) values[row + nVals] = v;
          nVals++;
        }
      } else if (k === 0x1a) {
        const n = length(b, p, end);
        p = next;
        if (nLabels === pool.length) pool.push({ key: 0, str: 0, num: 0, numUnit: 0 });
        label(b, p, p + n, pool[nLabels++]!);
        p += n;
      } else {
        // Unpacked repeated fields and unknown fields: rare, read with the general reader.
        r.reset(p, end);
        const field = k < 4294967296 ? k >>> 3 : Math.floor(k / 8);
        const wire = k & 7;
        if (field === 1) {
          r.repeated(wire, false, () => nLocs++);
          idsFrom[s] = -1;
          idsTo[s] = 1;
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
    if (nLabels === 1 && pool[0]!.str === 0) {
      const l = pool[0]!;
      if (l.key !== lastKey || l.numUnit !== lastUnit) {
        const k = `${l.key},${l.numUnit}`;
        let m = single.get(k);
        if (!m) single.set(k, (m = new Map()));
        byNum = m;
        lastKey = l.key;
        lastUnit = l.numUnit;
      }
      let idx = byNum.get(l.num);
      if (idx === undefined) {
        idx = internLabels(pool, 1, labelSets, labelIndex, str);
        byNum.set(l.num, idx);
      }
      labelSet[s] = idx;
    } else if (nLabels > 0) labelSet[s] = internLabels(pool, nLabels, labelSets, labelIndex, str);
  }
  stackStart[count] = nLocs;

  const locs = new Uint32Array(nLocs);
  const { table, lookup } = ids;
  let o = 0;
  for (let s = 0; s < count; s++) {
    if (idsFrom[s]! >= 0) o = locationIds(b, idsFrom[s]!, idsTo[s]!, locs, o, table, lookup);
    else o = scatteredIds(r, ranges[2 * s]!, ranges[2 * s + 1]!, locs, o, table, lookup);
  }
  if (o !== nLocs) throw new Error('location ids changed between passes');
  return { count, stackStart, locs, values, labelSet, labelSets };
}

/** A sample whose location ids come in several fields or unpacked: read them with the general reader. */
function scatteredIds(r: ProtoReader, start: number, end: number, out: Uint32Array, o: number, table: Int32Array, lookup: (id: number) => number): number {
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
