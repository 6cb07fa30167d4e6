// Seeds drawn once per process: a profile chooses its keys (location and node ids), so with a fixed
// hash it could choose thousands that share a slot and make each lookup walk all of them.
const SEED_A = (Math.random() * 2 ** 32) | 0;
const SEED_B = (Math.random() * 2 ** 32) | 0;

/** murmur3's 32-bit finalizer: every input bit moves every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The slot of (a, b) in a table of `mask + 1` slots. `a` is mixed with a secret seed before `b`
 * joins it, so which pairs collide cannot be worked out from the code (with `imul(a) ^ b`, any a
 * has a b for any slot).
 */
export function pairSlot(a: number, b: number, mask: number): number {
  return mix(mix(a ^ SEED_A) ^ b ^ SEED_B) & mask;
}

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
    let h = pairSlot(a, b, this.mask);
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
