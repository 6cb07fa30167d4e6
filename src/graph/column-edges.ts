import type { NodeFigures } from './build.js';
import { EdgeList } from './edge-list.js';
import type { Prepared } from './prepare.js';
import { PairTable } from '../util/pair-table.js';

/** One sample type's kept-set build: its weights (a column of the same samples) and kept nodes. */
export interface KeptColumn {
  weights: Float64Array;
  kept: readonly NodeFigures[];
}

/** Columns one walk takes at most (a sample's columns of non-zero weight are a bit mask). */
export const MAX_FUSED_COLUMNS = 16;

/**
 * The edges of `buildKeptGraph(prep_j, kept_j, 'all')` for every column j (prep_j: `prep` with the
 * weights of column j), from one walk over the samples instead of one per column: each list is
 * that build's own — the same edges, summed in the same sample order, with the same residual and
 * inline flags, in the same order (first met first). A sample adds only to the columns where it
 * weighs something (as a one-column walk skips it elsewhere).
 *
 * Node ranks: the union of the kept sets, numbered 0…n−1; each rank has a bit per column that keeps
 * it. The walk follows one (parent, residual) state per sample while every column of the sample
 * agrees on it — where each location's nodes are kept by all of them or by none (`LocationCodes`)
 * — and one state per column from a location where they disagree until the states meet again.
 */
export function keptEdgesOfColumns(prep: Prepared, columns: readonly KeptColumn[]): EdgeList[] {
  const k = columns.length;
  if (k > MAX_FUSED_COLUMNS) throw new RangeError(`keptEdgesOfColumns: ${k} columns (at most ${MAX_FUSED_COLUMNS})`);
  const nInfos = prep.index.infos.length;
  const rank = new Int32Array(nInfos).fill(-1);
  const nidOf: number[] = [];
  const keptBits: number[] = [];
  columns.forEach((c, j) => {
    for (const { nid } of c.kept) {
      if (rank[nid]! < 0) {
        rank[nid] = nidOf.length;
        nidOf.push(nid);
        keptBits.push(0);
      }
      keptBits[rank[nid]!]! |= 1 << j;
    }
  });
  const bits = Int32Array.from(keptBits);
  const table = new ColumnEdgeTable(nidOf.length, k);
  const codes = new LocationCodes(prep, rank, bits, (1 << k) - 1);
  walkColumns(prep, columns.map((c) => c.weights), rank, bits, codes, table);
  return columns.map((_, j) => table.column(j, nidOf));
}

/** `LocationCodes` per location: no node kept; several nodes, each kept by all columns or none; kept by some columns only. */
const NONE = -1;
const UNIFORM = -2;
const MIXED = -3;

/** Tables of `LocationCodes` at most (a heap profile's samples mostly weigh in all types, or in the alloc ones only). */
const MAX_CODE_TABLES = 4;

/**
 * Per set of columns (a sample's non-zero ones, a bit mask), a code per location for the walk: the
 * rank of its one node when every column of the set keeps it, NONE when none keeps any of its
 * nodes, UNIFORM for several nodes each kept by all or none, MIXED otherwise. A code for a set holds
 * for any subset too: past a few tables (memory: at most 4M entries) the other sets take the table
 * of all columns, where more locations are MIXED.
 */
class LocationCodes {
  private readonly tables: (Int32Array | undefined)[];
  private made = 0;
  private readonly maxTables: number;

  constructor(
    private readonly prep: Prepared,
    private readonly rank: Int32Array,
    private readonly bits: Int32Array,
    private readonly all: number,
  ) {
    this.tables = new Array<Int32Array | undefined>(all + 1);
    this.maxTables = Math.max(1, Math.min(MAX_CODE_TABLES, Math.floor((1 << 22) / Math.max(1, prep.index.locSingle.length))));
  }

  of(set: number): Int32Array {
    const t = this.tables[set];
    if (t !== undefined) return t;
    if (this.made >= this.maxTables - 1 && set !== this.all) return (this.tables[set] = this.of(this.all));
    this.made++;
    return (this.tables[set] = this.make(set));
  }

  private make(set: number): Int32Array {
    const { locStart, locNodes } = this.prep.index;
    const codes = new Int32Array(locStart.length - 1);
    for (let l = 0; l < codes.length; l++) {
      let some = false;
      let mixed = false;
      for (let ni = locStart[l]!; ni < locStart[l + 1]!; ni++) {
        const r = this.rank[locNodes[ni]!]!;
        const b = r < 0 ? 0 : this.bits[r]! & set;
        if (b !== 0) some = true;
        if (b !== 0 && b !== set) mixed = true;
      }
      const one = locStart[l + 1]! - locStart[l]! === 1;
      codes[l] = !some ? NONE : mixed ? MIXED : one ? this.rank[locNodes[locStart[l]!]!]! : UNIFORM;
    }
    return codes;
  }
}

/**
 * The sample loop of `keptEdgesOfColumns` (alone, as build.ts's `walk`): walkInto's edges of every
 * column. `parent`/`residual` is the state of all the sample's columns while they agree (`apart`
 * false); `par`/`res` per column while they do not.
 */
function walkColumns(prep: Prepared, columns: readonly Float64Array[], rank: Int32Array, bits: Int32Array, codes: LocationCodes, t: ColumnEdgeTable): void {
  const { stackStart, locs } = prep;
  const { locStart, locNodes } = prep.index;
  const k = columns.length;
  const on = new Int32Array(k); // the sample's columns of non-zero weight: on[0 … n)
  const w = new Float64Array(k); // the sample's weight per column
  const par = new Int32Array(k);
  const res = new Uint8Array(k);
  for (let s = 0; s < prep.count; s++) {
    let set = 0;
    let n = 0;
    for (let j = 0; j < k; j++) {
      const x = columns[j]![s]!;
      if (x === 0) continue;
      w[j] = x;
      on[n++] = j;
      set |= 1 << j;
    }
    if (n === 0) continue;
    const code = codes.of(set);
    let parent = -1;
    let residual = false;
    let apart = false;
    const a = stackStart[s]!;
    for (let i = stackStart[s + 1]! - 1; i >= a; i--) {
      const l = locs[i]!;
      const c = code[l]!;
      if (!apart) {
        if (c === NONE) {
          residual = true;
          continue;
        }
        if (c >= 0) {
          if (parent >= 0 && parent !== c) t.addAll(parent, c, s, w, on, n, set, residual, false);
          parent = c;
          residual = false;
          continue;
        }
        if (c === UNIFORM) {
          const last = locStart[l + 1]! - 1;
          for (let ni = last; ni >= locStart[l]!; ni--) {
            const r = rank[locNodes[ni]!]!;
            if (r < 0 || (bits[r]! & set) === 0) {
              residual = true;
              continue;
            }
            if (parent >= 0 && parent !== r) t.addAll(parent, r, s, w, on, n, set, residual, ni !== last);
            parent = r;
            residual = false;
          }
          continue;
        }
        for (let x = 0; x < n; x++) {
          par[on[x]!] = parent;
          res[on[x]!] = residual ? 1 : 0;
        }
        apart = true;
      }
      if (c === NONE) {
        for (let x = 0; x < n; x++) res[on[x]!] = 1;
        continue;
      }
      if (c >= 0) {
        // Kept by every column: each adds its edge from its own state, and the states are one again.
        for (let x = 0; x < n; x++) {
          const j = on[x]!;
          const p = par[j]!;
          if (p >= 0 && p !== c) t.addOne(j, p, c, s, w[j]!, res[j] === 1, false);
        }
        parent = c;
        residual = false;
        apart = false;
        continue;
      }
      for (let x = 0; x < n; x++) walkLocationOfColumn(prep, l, on[x]!, rank, bits, par, res, s, w[on[x]!]!, t);
      apart = !agree(par, res, on, n);
      if (!apart) {
        parent = par[on[0]!]!;
        residual = res[on[0]!] === 1;
      }
    }
  }
}

/** walkInto's steps over the nodes of location `l` for column `j` alone, from and to its state in `par`/`res`. */
function walkLocationOfColumn(
  prep: Prepared,
  l: number,
  j: number,
  rank: Int32Array,
  bits: Int32Array,
  par: Int32Array,
  res: Uint8Array,
  s: number,
  w: number,
  t: ColumnEdgeTable,
): void {
  const { locStart, locNodes } = prep.index;
  const bit = 1 << j;
  let parent = par[j]!;
  let residual = res[j] === 1;
  const last = locStart[l + 1]! - 1;
  for (let ni = last; ni >= locStart[l]!; ni--) {
    const r = rank[locNodes[ni]!]!;
    if (r < 0 || (bits[r]! & bit) === 0) {
      residual = true;
      continue;
    }
    if (parent >= 0 && parent !== r) t.addOne(j, parent, r, s, w, residual, ni !== last);
    parent = r;
    residual = false;
  }
  par[j] = parent;
  res[j] = residual ? 1 : 0;
}

/** Whether the columns `on[0 … n)` have one state (parent and residual). */
function agree(par: Int32Array, res: Uint8Array, on: Int32Array, n: number): boolean {
  const p = par[on[0]!]!;
  const r = res[on[0]!]!;
  for (let x = 1; x < n; x++) if (par[on[x]!] !== p || res[on[x]!] !== r) return false;
  return true;
}

/**
 * The edges of every column: one entry per (parent rank, child rank) met in any column, found
 * through a direct rank × rank table while that is small, else a hash table. Per entry and column
 * (at entry × k + column) its weight; per entry, bit masks over the columns of EdgeList.add's flags
 * (`seen`: the column has had it, `residual`, `inline`); per column the entries in the order it
 * first had them (its EdgeList's order).
 *
 * EdgeList.add adds an edge once per sample. Here a sample's columns mostly add together (`addAll`),
 * which `together` stamps once for all of them; a column adding alone (`addOne`, rare) stamps
 * `stamp` (per entry and column) and `apartIn`, and a later `addAll` of that sample then looks at
 * each column's stamp (`addEach`).
 */
class ColumnEdgeTable {
  size = 0;
  private src = new Int32Array(256);
  private dst = new Int32Array(256);
  private together = new Int32Array(256).fill(-1);
  private seen = new Int32Array(256);
  private residual = new Int32Array(256);
  private inline = new Int32Array(256);
  private weight: Float64Array;
  private stamp: Int32Array;
  private apartIn = -1;
  private readonly order: Int32Array[];
  private readonly count: Int32Array;
  private readonly direct: Int32Array | null;
  private readonly table: PairTable | null;

  constructor(
    private readonly n: number,
    private readonly k: number,
  ) {
    this.weight = new Float64Array(256 * k);
    this.stamp = new Int32Array(256 * k).fill(-1);
    this.order = Array.from({ length: k }, () => new Int32Array(256));
    this.count = new Int32Array(k);
    this.direct = n * n <= 1 << 22 ? new Int32Array(n * n).fill(-1) : null;
    this.table = this.direct ? null : new PairTable();
  }

  /** The edge (from, to) of sample s in each column of `on[0 … n)` (the bit mask `set`), with that column's weight in `w`. */
  addAll(from: number, to: number, s: number, w: Float64Array, on: Int32Array, n: number, set: number, residual: boolean, inline: boolean): void {
    const e = this.entry(from, to);
    if (this.together[e] === s) return;
    this.together[e] = s;
    if (this.apartIn === s) {
      this.addEach(e, s, w, on, n, residual, inline);
      return;
    }
    if ((this.seen[e]! & set) !== set) this.meet(e, set & ~this.seen[e]!);
    if (residual) this.residual[e] |= set;
    if (!inline) this.inline[e] &= ~set;
    const weight = this.weight;
    const base = e * this.k;
    for (let x = 0; x < n; x++) {
      const j = on[x]!;
      weight[base + j] += w[j]!;
    }
  }

  /** The edge (from, to) of sample s in column j alone. */
  addOne(j: number, from: number, to: number, s: number, w: number, residual: boolean, inline: boolean): void {
    const e = this.entry(from, to);
    const at = e * this.k + j;
    if (this.together[e] === s || this.stamp[at] === s) return;
    this.stamp[at] = s;
    this.apartIn = s;
    this.flag(e, 1 << j, residual, inline);
    this.weight[at] += w;
  }

  /** Column j's edges as its own build's EdgeList (node ids from ranks through `nidOf`). */
  column(j: number, nidOf: readonly number[]): EdgeList {
    const m = this.count[j]!;
    const order = this.order[j]!;
    const bit = 1 << j;
    const src = new Int32Array(m);
    const dst = new Int32Array(m);
    const weight = new Float64Array(m);
    const residual = new Uint8Array(m);
    const inline = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      const e = order[i]!;
      src[i] = nidOf[this.src[e]!]!;
      dst[i] = nidOf[this.dst[e]!]!;
      weight[i] = this.weight[e * this.k + j]!;
      residual[i] = this.residual[e]! & bit ? 1 : 0;
      inline[i] = this.inline[e]! & bit ? 1 : 0;
    }
    return EdgeList.of(src, dst, weight, residual, inline);
  }

  /** `addAll` in a sample where some column added alone: the columns that have not had entry e in it yet. */
  private addEach(e: number, s: number, w: Float64Array, on: Int32Array, n: number, residual: boolean, inline: boolean): void {
    const base = e * this.k;
    for (let x = 0; x < n; x++) {
      const j = on[x]!;
      if (this.stamp[base + j] === s) continue;
      this.flag(e, 1 << j, residual, inline);
      this.weight[base + j] += w[j]!;
    }
  }

  /** EdgeList.add's flags of entry e in the columns `cols`: a column's first time sets them (residual off, inline on) before adding to them. */
  private flag(e: number, cols: number, residual: boolean, inline: boolean): void {
    const fresh = cols & ~this.seen[e]!;
    if (fresh !== 0) this.meet(e, fresh);
    if (residual) this.residual[e] |= cols;
    if (!inline) this.inline[e] &= ~cols;
  }

  /** The columns `fresh` have entry e for the first time: it is next in their order. */
  private meet(e: number, fresh: number): void {
    for (let j = 0; j < this.k; j++) if ((fresh & (1 << j)) !== 0) this.order[j]![this.count[j]!++] = e;
    this.seen[e] |= fresh;
    this.inline[e] |= fresh;
  }

  private entry(from: number, to: number): number {
    if (this.direct) {
      const at = from * this.n + to;
      let e = this.direct[at]!;
      if (e < 0) this.direct[at] = e = this.push(from, to);
      return e;
    }
    let e = this.table!.find(from, to);
    if (e < 0) {
      const slot = e;
      e = this.push(from, to);
      this.table!.insert(slot, from, to, e);
    }
    return e;
  }

  private push(from: number, to: number): number {
    if (this.size === this.src.length) this.grow();
    const e = this.size++;
    this.src[e] = from;
    this.dst[e] = to;
    return e;
  }

  private grow(): void {
    const cap = this.src.length * 2;
    const k = this.k;
    const widen = <T extends Int32Array | Float64Array>(a: T, b: T, fill?: number): T => {
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    this.src = widen(this.src, new Int32Array(cap));
    this.dst = widen(this.dst, new Int32Array(cap));
    this.together = widen(this.together, new Int32Array(cap), -1);
    this.seen = widen(this.seen, new Int32Array(cap));
    this.residual = widen(this.residual, new Int32Array(cap));
    this.inline = widen(this.inline, new Int32Array(cap));
    this.weight = widen(this.weight, new Float64Array(cap * k));
    this.stamp = widen(this.stamp, new Int32Array(cap * k), -1);
    for (let j = 0; j < k; j++) this.order[j] = widen(this.order[j]!, new Int32Array(cap));
  }
}
