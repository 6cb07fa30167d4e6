import type { Tag } from './build.js';
import type { Prepared } from './prepare.js';

export interface TagHolder {
  labelTags: Map<string, Tag>;
  numericTags: Map<string, Map<string, Tag>>;
}

/**
 * Sums sample weights per (node, label set) in typed arrays during a graph build — one hash probe
 * per visit instead of two Map lookups per tag — and turns them into pprof's per-node tag maps at the
 * end. A tag shared by several label sets (same formatted size) keeps the value of the set that was
 * seen first, as pprof's findOrAddTag does.
 */
export class TagAccumulator {
  private mask = (1 << 12) - 1;
  private keysA = new Int32Array(this.mask + 1).fill(-1);
  private keysB = new Int32Array(this.mask + 1);
  private slotIdx = new Int32Array(this.mask + 1);
  private nid: number[] = [];
  private set: number[] = [];
  private flat: number[] = [];
  private cum: number[] = [];

  add(nid: number, set: number, w: number, flat: boolean): void {
    let h = (Math.imul(nid, 0x9e3779b1) ^ Math.imul(set, 0x85ebca6b)) & this.mask;
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

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.slotIdx = new Int32Array(cap);
    for (let i = 0; i < this.nid.length; i++) {
      let h = (Math.imul(this.nid[i]!, 0x9e3779b1) ^ Math.imul(this.set[i]!, 0x85ebca6b)) & this.mask;
      while (this.keysA[h] !== -1) h = (h + 1) & this.mask;
      this.keysA[h] = this.nid[i]!;
      this.keysB[h] = this.set[i]!;
      this.slotIdx[h] = i;
    }
  }

  /** Per-node tag maps. Entries were created in sample order, so the first one of a name wins its value. */
  holders(prep: Prepared, nInfos: number): (TagHolder | undefined)[] {
    const out: (TagHolder | undefined)[] = new Array(nInfos);
    for (let i = 0; i < this.nid.length; i++) {
      const h = (out[this.nid[i]!] ??= { labelTags: new Map(), numericTags: new Map() });
      const st = prep.sampleTags[this.set[i]!]!;
      const f = this.flat[i]!;
      const c = this.cum[i]!;
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
    return out;
  }
}
