import type { LabelSet, Samples } from '../model/profile.js';

/** String.fromCharCode over a long list without hitting the argument-count limit. */
export function codesToString(codes: number[]): string {
  if (codes.length <= 8192) return String.fromCharCode(...codes);
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return out;
}

/**
 * Merged samples in growable typed arrays: a stack is added once, its values summed in place;
 * `finish` drops all-zero samples (pprof's Merge does the same).
 */
export class SampleAccumulator {
  private n = 0;
  private nLocs = 0;
  private starts = new Uint32Array(1024);
  private locs = new Uint32Array(8192);
  private labels = new Uint32Array(1024);
  private values: Float64Array;

  constructor(private readonly nv: number) {
    this.values = new Float64Array(1024 * Math.max(1, nv));
  }

  /** Adds a sample whose stack is in `codes` (pairs of 16-bit halves, `depth` of them); returns its index. */
  add(codes: number[], depth: number, labelSet: number): number {
    const i = this.n;
    if (i + 2 > this.starts.length) {
      const size = this.starts.length * 2;
      this.starts = growU32(this.starts, size);
      this.labels = growU32(this.labels, size);
      const v = new Float64Array(size * Math.max(1, this.nv));
      v.set(this.values);
      this.values = v;
    }
    if (this.nLocs + depth > this.locs.length) this.locs = growU32(this.locs, Math.max(this.locs.length * 2, this.nLocs + depth));
    this.starts[i] = this.nLocs;
    for (let k = 0; k < depth; k++) this.locs[this.nLocs++] = codes[2 * k]! | (codes[2 * k + 1]! << 16);
    this.labels[i] = labelSet;
    this.n = i + 1;
    return i;
  }

  addValues(i: number, src: Float64Array, offset: number): void {
    const base = i * this.nv;
    for (let j = 0; j < this.nv; j++) this.values[base + j]! += src[offset + j]!;
  }

  finish(labelSets: LabelSet[]): { samples: Samples; dropped: boolean } {
    const nv = this.nv;
    let count = 0;
    let nLocs = 0;
    const keep = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) {
      for (let j = 0; j < nv; j++) {
        if (this.values[i * nv + j] !== 0) {
          keep[i] = 1;
          break;
        }
      }
      if (keep[i]) {
        count++;
        nLocs += (i + 1 < this.n ? this.starts[i + 1]! : this.nLocs) - this.starts[i]!;
      }
    }
    const stackStart = new Uint32Array(count + 1);
    const locs = new Uint32Array(nLocs);
    const values = new Float64Array(count * nv);
    const labelSet = new Uint32Array(count);
    let o = 0;
    let l = 0;
    for (let i = 0; i < this.n; i++) {
      if (!keep[i]) continue;
      const from = this.starts[i]!;
      const to = i + 1 < this.n ? this.starts[i + 1]! : this.nLocs;
      stackStart[o] = l;
      locs.set(this.locs.subarray(from, to), l);
      l += to - from;
      values.set(this.values.subarray(i * nv, i * nv + nv), o * nv);
      labelSet[o] = this.labels[i]!;
      o++;
    }
    stackStart[count] = l;
    return { samples: { count, stackStart, locs, values, labelSet, labelSets }, dropped: count < this.n };
  }
}

function growU32(a: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}
