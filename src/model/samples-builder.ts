import { EMPTY_LABEL_SET, type LabelSet, type Samples } from './profile.js';

/** Appends samples into growable typed arrays; `finish()` trims them into a `Samples`. */
export class SamplesBuilder {
  private n = 0;
  private nLocs = 0;
  private stackStart: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private locs: Uint32Array<ArrayBuffer> = new Uint32Array(4096);
  private values: Float64Array;
  private labelSet: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private readonly sets: LabelSet[] = [EMPTY_LABEL_SET];
  private readonly setIndex = new Map<string, number>();

  constructor(private readonly numValues: number) {
    // Start small when there are many sample types (a hostile profile may declare thousands).
    const cap = Math.max(2, Math.min(1024, Math.floor(65536 / Math.max(1, numValues))));
    this.stackStart = new Uint32Array(cap);
    this.labelSet = new Uint32Array(cap);
    this.values = new Float64Array(cap * Math.max(1, numValues));
  }

  get count(): number {
    return this.n;
  }

  /** Interns a label set; returns its index (0 for an empty set). */
  internLabels(set: LabelSet | undefined): number {
    if (!set) return 0;
    const strKeys = Object.keys(set.str);
    const numKeys = Object.keys(set.num);
    if (strKeys.length === 0 && numKeys.length === 0) return 0;
    const key = JSON.stringify([set.str, set.num, set.numUnit]);
    let idx = this.setIndex.get(key);
    if (idx === undefined) {
      idx = this.sets.length;
      this.sets.push(set);
      this.setIndex.set(key, idx);
    }
    return idx;
  }

  /** Adds one sample. `locs` are location indices, leaf first. */
  add(locs: ArrayLike<number>, values: ArrayLike<number>, labelSetIndex = 0): void {
    if (values.length !== this.numValues) {
      throw new Error(`sample has ${values.length} values, want ${this.numValues}`);
    }
    const i = this.n;
    if (i + 2 > this.stackStart.length) {
      this.stackStart = grow(this.stackStart, (i + 2) * 2);
      this.labelSet = grow(this.labelSet, (i + 2) * 2);
      const v = new Float64Array(this.stackStart.length * Math.max(1, this.numValues));
      v.set(this.values);
      this.values = v;
    }
    if (this.nLocs + locs.length > this.locs.length) {
      this.locs = grow(this.locs, (this.nLocs + locs.length) * 2);
    }
    this.stackStart[i] = this.nLocs;
    for (let k = 0; k < locs.length; k++) this.locs[this.nLocs++] = locs[k];
    const base = i * this.numValues;
    for (let k = 0; k < values.length; k++) this.values[base + k] = values[k];
    this.labelSet[i] = labelSetIndex;
    this.n = i + 1;
  }

  finish(): Samples {
    const n = this.n;
    const stackStart = this.stackStart.slice(0, n + 1);
    stackStart[n] = this.nLocs;
    return {
      count: n,
      stackStart,
      locs: this.locs.slice(0, this.nLocs),
      values: this.values.slice(0, n * this.numValues),
      labelSet: this.labelSet.slice(0, n),
      labelSets: this.sets,
    };
  }
}

function grow(a: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}
