import { PairTable } from '../util/pair-table.js';

/**
 * The edges of one build, summed once per sample (pprof's seenEdge). Lookup is a direct
 * parent × child table while that stays small (a few thousand nodes), else a hash table. With
 * `rank` (node id → 0…n−1 for the n nodes a kept-set build can link), the table is over those n
 * only: a few hundred kept nodes of a profile of thousands still get the direct table.
 */
export class EdgeList {
  size = 0;
  src = new Int32Array(256);
  dst = new Int32Array(256);
  weight = new Float64Array(256);
  residual = new Uint8Array(256);
  inline = new Uint8Array(256);
  private stamp = new Int32Array(256);
  private readonly n: number;
  private readonly rank: Int32Array | null;
  private readonly direct: Int32Array | null;
  private readonly table: PairTable | null;

  constructor(nodes: number, rank: Int32Array | null = null, ranked = 0) {
    this.n = rank ? ranked : nodes;
    this.rank = rank;
    this.direct = this.n * this.n <= 1 << 22 ? new Int32Array(this.n * this.n).fill(-1) : null;
    this.table = this.direct ? null : new PairTable();
  }

  /**
   * A list of edges made elsewhere (`keptEdgesOfColumns`), for reading only: it has no lookup
   * table to `add` to. The arrays are taken, not copied.
   */
  static of(src: Int32Array<ArrayBuffer>, dst: Int32Array<ArrayBuffer>, weight: Float64Array<ArrayBuffer>, residual: Uint8Array<ArrayBuffer>, inline: Uint8Array<ArrayBuffer>): EdgeList {
    const e = new EdgeList(0);
    e.size = src.length;
    e.src = src;
    e.dst = dst;
    e.weight = weight;
    e.residual = residual;
    e.inline = inline;
    return e;
  }

  add(from: number, to: number, sample: number, w: number, residual: boolean, inline: boolean): void {
    let e: number;
    if (this.direct) {
      const r = this.rank;
      const at = r === null ? from * this.n + to : r[from]! * this.n + r[to]!;
      e = this.direct[at]!;
      if (e < 0) this.direct[at] = e = this.push(from, to, residual, inline);
    } else {
      e = this.table!.find(from, to);
      if (e < 0) {
        const slot = e;
        e = this.push(from, to, residual, inline);
        this.table!.insert(slot, from, to, e);
      }
    }
    if (this.stamp[e] !== sample) {
      this.stamp[e] = sample;
      this.weight[e] += w;
      if (residual) this.residual[e] = 1;
      if (!inline) this.inline[e] = 0;
    }
  }

  private push(from: number, to: number, residual: boolean, inline: boolean): number {
    if (this.size === this.src.length) this.grow();
    const e = this.size++;
    this.src[e] = from;
    this.dst[e] = to;
    this.residual[e] = residual ? 1 : 0;
    this.inline[e] = inline ? 1 : 0;
    this.stamp[e] = -1;
    return e;
  }

  private grow(): void {
    const cap = this.src.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.src = g(this.src, (n) => new Int32Array(n));
    this.dst = g(this.dst, (n) => new Int32Array(n));
    this.weight = g(this.weight, (n) => new Float64Array(n));
    this.residual = g(this.residual, (n) => new Uint8Array(n));
    this.inline = g(this.inline, (n) => new Uint8Array(n));
    this.stamp = g(this.stamp, (n) => new Int32Array(n));
  }
}
