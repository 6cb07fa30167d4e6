import type { Prepared, SampleTags } from './prepare.js';
import { pairSlot } from '../util/pair-table.js';

/** A sample annotation summed on a node (string label set, or a numeric `bytes` value). */
export interface Tag {
  name: string;
  unit: string;
  value: number;
  flat: number;
  cum: number;
}

export interface TagHolder {
  labelTags: Map<string, Tag>;
  numericTags: Map<string, Map<string, Tag>>;
}

/**
 * Sums sample weights per (node, label set) in typed arrays during a graph build — one direct
 * table slot per visit (a hash probe when nodes × label sets is large) instead of two Map lookups
 * per tag — and turns them into pprof's per-node tag maps at the end. A tag shared by several
 * label sets (same formatted size) keeps the value of the set that was seen first, as pprof's
 * findOrAddTag does.
 */
export class TagAccumulator {
  // Direct mode (nodes × label sets small, the usual case): entry of (nid, set) is nid * sets + set.
  private readonly sets: number;
  private readonly direct: Uint8Array | null;
  private readonly dFlat: Float64Array | null;
  private readonly dCum: Float64Array | null;
  private readonly order: number[] = [];
  // Hashed mode.
  private mask = (1 << 12) - 1;
  private keysA = new Int32Array(0);
  private keysB = new Int32Array(0);
  private slotIdx = new Int32Array(0);
  private nid: number[] = [];
  private set: number[] = [];
  private flat: number[] = [];
  private cum: number[] = [];

  constructor(nodes: number, sets: number) {
    this.sets = sets;
    const direct = nodes * sets <= 1 << 22;
    this.direct = direct ? new Uint8Array(nodes * sets) : null;
    this.dFlat = direct ? new Float64Array(nodes * sets) : null;
    this.dCum = direct ? new Float64Array(nodes * sets) : null;
    if (!direct) {
      this.keysA = new Int32Array(this.mask + 1).fill(-1);
      this.keysB = new Int32Array(this.mask + 1);
      this.slotIdx = new Int32Array(this.mask + 1);
    }
  }

  add(nid: number, set: number, w: number, flat: boolean): void {
    if (this.direct !== null) {
      const i = nid * this.sets + set;
      if (this.direct[i] === 0) {
        this.direct[i] = 1;
        this.order.push(i);
      }
      if (flat) this.dFlat![i] += w;
      else this.dCum![i] += w;
      return;
    }
    let h = pairSlot(nid, set, this.mask);
    let i = -1;
    for (;;) {
      const a = this.keysA[h]!;
      if (a === -1) break;
      if (a === nid && this.keysB[h] === set) {
        i = this.slotIdx[h]!;
        break;
      }
      h = (h + 1) & this.mask;
    }
    if (i < 0) {
      i = this.nid.length;
      this.nid.push(nid);
      this.set.push(set);
      this.flat.push(0);
      this.cum.push(0);
      this.keysA[h] = nid;
      this.keysB[h] = set;
      this.slotIdx[h] = i;
      if (this.nid.length * 2 > this.mask) this.grow();
    }
    if (flat) this.flat[i] += w;
    else this.cum[i] += w;
  }

  /** Entries in creation order (sample order): node, label set, flat, cum. */
  private entries(): { nid: number; set: number; flat: number; cum: number }[] {
    if (this.direct !== null) {
      return this.order.map((i) => ({ nid: Math.floor(i / this.sets), set: i % this.sets, flat: this.dFlat![i]!, cum: this.dCum![i]! }));
    }
    return this.nid.map((nid, i) => ({ nid, set: this.set[i]!, flat: this.flat[i]!, cum: this.cum[i]! }));
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.slotIdx = new Int32Array(cap);
    for (let i = 0; i < this.nid.length; i++) {
      let h = pairSlot(this.nid[i]!, this.set[i]!, this.mask);
      while (this.keysA[h] !== -1) h = (h + 1) & this.mask;
      this.keysA[h] = this.nid[i]!;
      this.keysB[h] = this.set[i]!;
      this.slotIdx[h] = i;
    }
  }

  /** Per-node tag maps. Entries were created in sample order, so the first one of a name wins its value. */
  holders(prep: Prepared, nInfos: number): (TagHolder | undefined)[] {
    const out: (TagHolder | undefined)[] = new Array(nInfos);
    for (const { nid, set, flat: f, cum: c } of this.entries()) addEntry((out[nid] ??= { labelTags: new Map(), numericTags: new Map() }), prep.sampleTags[set]!, f, c);
    return out;
  }
}

/** A node's sums for the samples of one label set, as its string tag and numeric tags (pprof's findOrAddTag). */
function addEntry(h: TagHolder, st: SampleTags, f: number, c: number): void {
  if (st.labels !== '') {
    let t = h.labelTags.get(st.labels);
    if (!t) h.labelTags.set(st.labels, (t = { name: st.labels, unit: '', value: 0, flat: 0, cum: 0 }));
    t.flat += f;
    t.cum += c;
  }
  let tm = h.numericTags.get(st.labels);
  if (!tm) h.numericTags.set(st.labels, (tm = new Map()));
  for (const nt of st.numeric) {
    let t = tm.get(nt.name);
    if (!t) tm.set(nt.name, (t = { name: nt.name, unit: nt.unit, value: nt.value, flat: 0, cum: 0 }));
    t.flat += f;
    t.cum += c;
  }
}

/**
 * Every node's sums per label set, label-set-major (`set * nodes + nid`: one sample's sums fall in
 * one row), with the first sample of each pair: what `TagAccumulator` sums for a build, for all
 * nodes at once (see `nodeTotalsWithTags`).
 */
export class NodeTags {
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** First sample that added to the pair; -1: none did. */
  readonly first: Int32Array;

  constructor(
    private readonly nodes: number,
    private readonly sets: number,
  ) {
    this.flat = new Float64Array(nodes * sets);
    this.cum = new Float64Array(nodes * sets);
    this.first = new Int32Array(nodes * sets).fill(-1);
  }

  /** Node `nid`'s tag maps, new each time (trimming changes them); its label sets in the order the samples first brought them. */
  holder(prep: Prepared, nid: number): TagHolder {
    const h: TagHolder = { labelTags: new Map(), numericTags: new Map() };
    const pairs: number[] = [];
    for (let set = 0, t = nid; set < this.sets; set++, t += this.nodes) if (this.first[t]! >= 0) pairs.push(t);
    pairs.sort((a, b) => this.first[a]! - this.first[b]!);
    for (const t of pairs) addEntry(h, prep.sampleTags[Math.floor(t / this.nodes)]!, this.flat[t]!, this.cum[t]!);
    return h;
  }
}
