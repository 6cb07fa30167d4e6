import { EMPTY_LABEL_SET, type LabelSet, type Samples } from '../model/profile.js';
import { fieldOf, int64, length, next, ProtoReader, uvarint } from './proto-reader.js';
import { dict } from '../util/dict.js';

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

/** Maps a location id to its index in `Profile.locations`; -1 when unknown. */
export interface LocationIds {
  /** How many locations there are. */
  count: number;
  /** Dense ids: `table[id]` (-1 for holes); ids past its end go to `lookup`. */
  table: Int32Array;
  lookup: (id: number) => number;
}

/** Stands for an id of 32 bits or more in `SampleDecoder.wide`, the id itself kept in `bigIds`. */
const BIG_ID = 0xffffffff;

/**
 * Decodes `Sample` messages one at a time, in file order, as their bytes arrive: values and label
 * sets into growing typed arrays, location ids as read (the location table usually comes after the
 * samples). `finish` turns the ids into location indices and the label sets into strings once the
 * whole profile is read. Each sample is one call of a small method: V8 optimizes it within a few
 * hundred samples, where one big loop waits for on-stack replacement.
 */
export class SampleDecoder {
  count = 0;
  private stackStart: Uint32Array;
  private values: Float64Array;
  private labelSet: Uint32Array;
  // Location ids, until the location table is known. Writers number locations 1, 2, 3, … in table
  // order (Go's runtime and pprof do): ids up to 65,536 are kept as `id - 1` in `narrow`, which is
  // then already the location indices. The first other id moves them all to `wide`, as read.
  private narrow: Uint16Array | null;
  private wide = new Uint32Array(0);
  /** Ids of 32 bits or more, in order (`BIG_ID` in `wide`). */
  private readonly bigIds: number[] = [];
  private nIds = 0;
  private maxId = 0;
  private reader: ProtoReader;
  // Label sets, interned by their raw string indices: `rawSets[i]` lists set i's labels as
  // (key, str, num, numUnit) quadruples; set 0 is the empty set.
  private readonly rawSets: number[][] = [[]];
  private readonly labelIndex = new Map<string, number>();
  private readonly pool: RawLabel[] = [];
  // Go heap profiles: one numeric `bytes` label per sample, same key and unit every time.
  private lastKey = -1;
  private lastUnit = -1;
  private byNum = new Map<number, number>();
  private readonly single = new Map<string, Map<number, number>>();

  constructor(
    private b: Uint8Array,
    readonly nv: number,
    capacity = 1024,
    idCapacity = 1024,
  ) {
    capacity = Math.max(capacity, 16);
    this.stackStart = new Uint32Array(capacity + 1);
    this.values = new Float64Array(capacity * nv);
    this.labelSet = new Uint32Array(capacity);
    this.narrow = new Uint16Array(Math.max(idCapacity, 1024));
    this.reader = new ProtoReader(b, 0, 0);
  }

  /** Reads the next samples from `b` (a chunk of the input, or a field put together from two). */
  rebind(b: Uint8Array): void {
    if (b === this.b) return;
    this.b = b;
    this.reader = new ProtoReader(b, 0, 0);
  }

  sample(p: number, end: number): void {
    const { b, nv } = this;
    const s = this.count;
    if (s === this.labelSet.length) this.grow();
    this.stackStart[s] = this.nIds;
    const values = this.values;
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
        this.locationIds(p, p + n);
        p += n;
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
        if (field === 1) r.repeated(wire, false, (id) => this.id(id));
        else if (field === 2) {
          r.repeated(wire, true, (v) => {
            if (nVals < nv) values[row + nVals] = v;
            nVals++;
          });
        } else r.skip(wire);
        p = r.pos;
      }
    }
    if (nVals !== nv) throw new Error(`corrupt protobuf: mismatch: sample has ${nVals} values vs. ${nv} types`);
    this.labelSet[s] = nLabels > 0 ? this.labels(nLabels) : 0;
    this.count = s + 1;
  }

  /** Packed location ids from `p` to `stop`. */
  private locationIds(p: number, stop: number): void {
    if (this.narrow === null) return this.wideIds(p, stop);
    // An id takes a byte at least: room for all of this field's at once.
    if (this.nIds + (stop - p) > this.narrow.length) this.growNarrow(this.nIds + (stop - p));
    const b = this.b;
    const narrow = this.narrow;
    let o = this.nIds;
    let max = this.maxId;
    while (p < stop) {
      const start = p;
      let id = b[p++]!;
      if (id >= 0x80) {
        // Two bytes: 128 ..< 16,384, always narrow.
        if (p < stop && b[p]! < 0x80) id = (id & 0x7f) | (b[p++]! << 7);
        else {
          id = uvarint(b, start, stop);
          p = next;
          if (id > 0x10000) return this.widen(o, max, start, stop);
        }
      } else if (id === 0) return this.widen(o, max, start, stop);
      narrow[o++] = id - 1;
      if (id > max) max = id;
    }
    this.nIds = o;
    this.maxId = max;
  }

  /** The ids from `p` on, once one was not narrow. */
  private widen(o: number, max: number, p: number, stop: number): void {
    this.nIds = o;
    this.maxId = max;
    this.wideIds(p, stop);
  }

  private wideIds(p: number, stop: number): void {
    while (p < stop) {
      const id = uvarint(this.b, p, stop);
      p = next;
      this.id(id);
    }
  }

  /** One location id, the slow way: unpacked ids, and any id not kept narrow. */
  private id(id: number): void {
    const narrow = this.narrow;
    if (narrow !== null && id !== 0 && id <= 0x10000) {
      if (this.nIds === narrow.length) this.growNarrow();
      this.narrow![this.nIds++] = id - 1;
      this.maxId = Math.max(this.maxId, id);
      return;
    }
    if (narrow !== null) {
      // Widen: the ids so far, as read.
      this.wide = new Uint32Array(Math.max(narrow.length, 1024));
      for (let i = 0; i < this.nIds; i++) this.wide[i] = narrow[i]! + 1;
      this.narrow = null;
    }
    if (this.nIds === this.wide.length) {
      const w = new Uint32Array(this.wide.length * 2);
      w.set(this.wide);
      this.wide = w;
    }
    if (id >= BIG_ID) this.bigIds.push(id);
    this.wide[this.nIds++] = Math.min(id, BIG_ID);
  }

  private growNarrow(need = 0): void {
    const n = new Uint16Array(Math.max(need, Math.ceil(this.narrow!.length * 1.5)));
    n.set(this.narrow!);
    this.narrow = n;
  }

  /**
   * Room for `samples` samples and `ids` location ids in all, in one step: the decoder learns a
   * large profile's size late (see `ProtoDecoder.expect`), and growing 1.5x or 2x at a time to
   * hundreds of MB copies the arrays several times, each into fresh pages (4M samples: ~0.5 s).
   */
  reserve(samples: number, ids: number): void {
    if (samples > this.labelSet.length) this.grow(samples);
    if (this.narrow !== null && ids > this.narrow.length) this.growNarrow(ids);
  }

  private grow(cap = this.labelSet.length * 2): void {
    const stackStart = new Uint32Array(cap + 1);
    stackStart.set(this.stackStart);
    const values = new Float64Array(cap * this.nv);
    values.set(this.values);
    const labelSet = new Uint32Array(cap);
    labelSet.set(this.labelSet);
    this.stackStart = stackStart;
    this.values = values;
    this.labelSet = labelSet;
  }

  private labels(n: number): number {
    const l = this.pool[0]!;
    if (n > 1 || l.str !== 0) return this.intern(n);
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
      idx = this.intern(1);
      this.byNum.set(l.num, idx);
    }
    return idx;
  }

  /** Interns a sample's labels by their raw string indices (a cheap key). */
  private intern(n: number): number {
    let key = '';
    for (let j = 0; j < n; j++) {
      const l = this.pool[j]!;
      key += `${l.key},${l.str},${l.num},${l.numUnit};`;
    }
    let i = this.labelIndex.get(key);
    if (i !== undefined) return i;
    const raw: number[] = [];
    for (let j = 0; j < n; j++) {
      const l = this.pool[j]!;
      raw.push(l.key, l.str, l.num, l.numUnit);
    }
    i = this.rawSets.length;
    this.rawSets.push(raw);
    this.labelIndex.set(key, i);
    return i;
  }

  /**
   * The decoded samples, once the location table and the strings are known. Throws on a location
   * id that no location has.
   */
  finish(ids: LocationIds, str: (i: number) => string): Samples {
    const count = this.count;
    const nLocs = this.nIds;
    this.stackStart[count] = nLocs;
    return {
      count,
      stackStart: this.stackStart.subarray(0, count + 1),
      locs: this.locationIndices(ids),
      values: this.values.subarray(0, count * this.nv),
      labelSet: this.labelSet.subarray(0, count),
      labelSets: this.rawSets.map((raw, i) => (i === 0 ? EMPTY_LABEL_SET : labelSetOf(raw, str))),
    };
  }

  /**
   * The location ids as indices. When every id was kept narrow and the table numbers its
   * locations 1, 2, 3, … (checked up to the largest id seen), they already are. Most profiles have
   * far fewer than 65,536 locations: 16-bit indices halve the largest array.
   */
  private locationIndices(ids: LocationIds): Uint16Array | Uint32Array {
    const n = this.nIds;
    const narrow = this.narrow;
    if (narrow !== null) {
      let ordered = this.maxId <= ids.count;
      for (let id = 1; ordered && id <= this.maxId; id++) ordered = (id < ids.table.length ? ids.table[id]! : ids.lookup(id)) === id - 1;
      if (ordered) return ids.count <= 0x10000 ? narrow.subarray(0, n) : Uint32Array.from(narrow.subarray(0, n));
    }
    const out = ids.count <= 0x10000 ? new Uint16Array(n) : new Uint32Array(n);
    const { table, lookup } = ids;
    const tableLen = table.length;
    let big = 0;
    for (let i = 0; i < n; i++) {
      let id = narrow !== null ? narrow[i]! + 1 : this.wide[i]!;
      if (id === BIG_ID) id = this.bigIds[big++]!;
      const li = id < tableLen ? table[id]! : lookup(id);
      if (li < 0) throw new Error(`corrupt protobuf: sample references unknown location ${id}`);
      out[i] = li;
    }
    return out;
  }
}

function labelSetOf(raw: number[], str: (i: number) => string): LabelSet {
  const set: LabelSet = { str: dict(), num: dict(), numUnit: dict() };
  for (let j = 0; j < raw.length; j += 4) {
    const k = str(raw[j]!);
    if (raw[j + 1] !== 0) (set.str[k] ??= []).push(str(raw[j + 1]!));
    else {
      (set.num[k] ??= []).push(raw[j + 2]!);
      (set.numUnit[k] ??= []).push(str(raw[j + 3]!));
    }
  }
  for (const k of Object.keys(set.numUnit)) if (set.numUnit[k]!.every((u) => u === '')) delete set.numUnit[k];
  return set;
}
