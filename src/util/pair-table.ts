/** Open-addressing (a, b) → index table over typed arrays: the hot lookup of graph and flame builds (a, b ≥ 0). */
export class PairTable {
  private mask: number;
  private srcs: Int32Array;
  private dsts: Int32Array;
  private idx: Int32Array;
  size = 0;
  constructor(capacity = 1 << 12) {
    this.mask = capacity - 1;
    this.srcs = new Int32Array(capacity).fill(-1);
    this.dsts = new Int32Array(capacity);
    this.idx = new Int32Array(capacity);
  }
  /** Index stored for (a, b), or -1-slot when absent (pass that to `insert`). */
  find(a: number, b: number): number {
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.mask;
    for (;;) {
      const s = this.srcs[h]!;
      if (s === -1) return -1 - h;
      if (s === a && this.dsts[h] === b) return this.idx[h]!;
      h = (h + 1) & this.mask;
    }
  }
  insert(slotCode: number, a: number, b: number, value: number): void {
    const h = -1 - slotCode;
    this.srcs[h] = a;
    this.dsts[h] = b;
    this.idx[h] = value;
    if (++this.size * 2 > this.mask) this.rehash();
  }
  private rehash(): void {
    const { srcs, dsts, idx } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.srcs = new Int32Array(cap).fill(-1);
    this.dsts = new Int32Array(cap);
    this.idx = new Int32Array(cap);
    this.size = 0;
    for (let i = 0; i < srcs.length; i++) if (srcs[i] !== -1) this.insert(this.find(srcs[i]!, dsts[i]!), srcs[i]!, dsts[i]!, idx[i]!);
  }
}
