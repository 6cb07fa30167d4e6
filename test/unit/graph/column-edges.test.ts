// The nodefraction cut's edges of every sample type from one walk (keptEdgesOfColumns, used by a
// run that reports every type) against one walk per type: the same EdgeList, entry by entry and in
// order, on generated profiles with inlined locations, recursion, samples that weigh 0 in some
// types and negative in others; and the trimmed graphs of such a run against single-type runs.
import { describe, expect, it, vi } from 'vitest';
import { prng } from '../../../bench/synth-profile.js';
import { buildKeptGraph, isNegative, nodeTotals, type Graph, type NodeFigures, type SharedEdges } from '../../../src/graph/build.js';
import { keptEdgesOfColumns } from '../../../src/graph/column-edges.js';
import type { EdgeList } from '../../../src/graph/edge-list.js';
import { prepare, reportsEveryType, type Prepared } from '../../../src/graph/prepare.js';
import { trimmedGraph, type TrimOptions } from '../../../src/graph/trim.js';
import type { Func, Location, Profile } from '../../../src/model/profile.js';
import { SamplesBuilder } from '../../../src/model/samples-builder.js';

// The fused walk, counted (trimmedGraph's calls of it go through this module's export).
const fusedWalks = vi.hoisted(() => vi.fn());
vi.mock('../../../src/graph/column-edges.js', async (original) => {
  const m = await original<typeof import('../../../src/graph/column-edges.js')>();
  fusedWalks.mockImplementation(m.keptEdgesOfColumns);
  return { ...m, keptEdgesOfColumns: fusedWalks };
});

interface GenOptions {
  seed: number;
  samples: number;
  functions: number;
  locations: number;
  /** Values may be negative (a diff). */
  negative: boolean;
  /** Samples carry labels: a few string label sets, and `bytes` of many values (tags, nodelets). */
  labels?: boolean;
}

/**
 * Four sample types over random stacks (root-heavy, with recursion: a stack may repeat a location
 * or a function) of locations of 1–3 lines (inlined calls). Type 0 weighs every sample; types 1–3
 * weigh 0 on many samples (type 2 on most), each its own way, so a sample's non-zero types vary.
 * With `negative`, about a third of each type's values are negative.
 */
function genProfile(o: GenOptions): Profile {
  const rnd = prng(o.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  // Skewed choice: low indices far more often (a few heavy functions, a long light tail).
  const skew = (n: number) => Math.floor(n * rnd() ** 4);
  const functions: Func[] = Array.from({ length: o.functions }, (_, i) => ({ name: `pkg.f${i}`, systemName: `pkg.f${i}`, filename: `src/f${i % 5}.go`, startLine: 1 }));
  const locations: Location[] = Array.from({ length: o.locations }, (_, i) => ({
    address: 0x1000 + i * 16,
    mapping: -1,
    lines: Array.from({ length: rnd() < 0.3 ? 2 + int(2) : 1 }, () => ({ func: skew(o.functions), line: 10 + int(50), column: 0 })),
    isFolded: false,
  }));
  const b = new SamplesBuilder(4);
  const labelSets = o.labels
    ? Array.from({ length: 24 }, (_, i) => b.internLabels({ str: i % 8 === 0 ? { thread: ['main'] } : {}, num: { bytes: [500 + 37 * i] }, numUnit: { bytes: ['bytes'] } }))
    : [0];
  for (let s = 0; s < o.samples; s++) {
    const depth = 1 + int(12);
    const stack: number[] = [];
    for (let d = 0; d < depth; d++) stack.push(d > 0 && rnd() < 0.15 ? stack[int(d)]! : skew(o.locations));
    const v = () => (1 + int(1000)) * (o.negative && rnd() < 0.35 ? -1 : 1);
    // Type 1 not whole (its sums depend on the order they are added in).
    const values = [v(), rnd() < 0.3 ? 0 : v() * 0.37, rnd() < 0.7 ? 0 : v(), rnd() < 0.5 ? 0 : v()];
    b.add(stack.reverse(), values, labelSets[skew(labelSets.length)]!); // leaf first
  }
  return {
    sampleTypes: [
      { type: 'alloc_objects', unit: 'count' },
      { type: 'alloc_space', unit: 'bytes' },
      { type: 'inuse_objects', unit: 'count' },
      { type: 'inuse_space', unit: 'bytes' },
    ],
    defaultSampleType: '',
    periodType: { type: 'space', unit: 'bytes' },
    period: 524288,
    timeNanos: 0,
    durationNanos: 0,
    comments: [],
    dropFrames: '',
    keepFrames: '',
    functions,
    locations,
    mappings: [],
    samples: b.finish(),
    meta: { format: 'pprof-proto', sources: ['generated'], memStats: [], notes: [] },
  };
}

/** Profiles, and a nodefraction that drops some of their nodes in every type. */
const PROFILES: [string, GenOptions, number][] = [
  ['positive', { seed: 1, samples: 4000, functions: 150, locations: 300, negative: false }, 0.02],
  ['diff (negative weights)', { seed: 2, samples: 4000, functions: 150, locations: 300, negative: true }, 0.02],
  ['few nodes, deep recursion', { seed: 3, samples: 2000, functions: 12, locations: 20, negative: false }, 0.2],
];

const prepOf = (p: Profile, valueIndex: number, granularity: 'functions' | 'lines', dropNegative: boolean): Prepared =>
  prepare(p, { valueIndex, granularity, noInlines: false, dropNegative, tagUnit: 'minimum' });

/** The untrimmed graph's nodes of one type (as trimmedGraph's figures). */
function figuresOf(prep: Prepared): NodeFigures[] {
  const { flat, cum } = nodeTotals(prep);
  const out: NodeFigures[] = [];
  for (let nid = 0; nid < flat.length; nid++) {
    if (flat[nid] === 0 && cum[nid] === 0) continue;
    if (prep.dropNegative && isNegative(flat[nid]!, cum[nid]!)) continue;
    out.push({ nid, flat: flat[nid]!, cum: cum[nid]! });
  }
  return out;
}

/** An EdgeList's entries in order. */
const entries = (e: EdgeList) =>
  Array.from({ length: e.size }, (_, i) => `${e.src[i]}->${e.dst[i]} ${e.weight[i]} residual=${e.residual[i]} inline=${e.inline[i]}`);

describe('one walk for the kept-set edges of every sample type makes each type\'s own EdgeList', () => {
  for (const [name, o] of PROFILES) {
    it(name, () => {
      const p = genProfile(o);
      const rnd = prng(o.seed + 100);
      let edges = 0;
      for (const granularity of ['functions', 'lines'] as const) {
        for (const dropNegative of [false, true]) {
          const preps = p.sampleTypes.map((_, j) => prepOf(p, j, granularity, dropNegative));
          // Kept sets per type: the nodefraction cut at a few fractions (nodes kept by some types
          // only), and random halves (kept and dropped nodes side by side everywhere).
          const cuts: ((f: NodeFigures[], j: number) => NodeFigures[])[] = [
            (f) => f.filter((n) => Math.abs(n.cum) >= 0.02 * f.reduce((t, m) => t + Math.abs(m.flat), 0)),
            (f, j) => f.filter((n) => Math.abs(n.cum) >= (0.01 + 0.03 * j) * f.reduce((t, m) => t + Math.abs(m.flat), 0)),
            (f) => f.filter(() => rnd() < 0.5),
          ];
          for (const [c, cut] of cuts.entries()) {
            const kept = preps.map((prep, j) => cut(figuresOf(prep), j));
            const at = `${name} ${granularity} drop_negative=${dropNegative} cut ${c}`;
            const fused = keptEdgesOfColumns(
              preps[0]!,
              preps.map((prep, j) => ({ weights: prep.weights, kept: kept[j]! })),
            );
            preps.forEach((prep, j) => {
              const alone: SharedEdges = {};
              buildKeptGraph({ ...prep, columns: () => [prep.weights] }, kept[j]!, 'all', alone);
              edges += alone.edges!.size;
              expect(entries(fused[j]!), `${at} type ${j}`).toEqual(entries(alone.edges!));
            });
          }
        }
      }
      expect(edges).toBeGreaterThan(100);
    });
  }
});

// Edges in the order a printer meets them (node order, then each node's map order).
const shape = (g: Graph) => ({
  nodes: g.nodes.map((n) => `${n.nid} ${n.flat} ${n.cum}`),
  in: g.nodes.map((n) => [...n.in.values()].map((e) => `${e.src.nid}->${e.dest.nid} ${e.weight} ${e.inline} ${e.residual}`)),
  out: g.nodes.map((n) => [...n.out.values()].map((e) => `${e.src.nid}->${e.dest.nid}`)),
});

describe('trimmed graphs and tables of a run of every sample type are those of one type at a time', () => {
  for (const [name, o, nodeFraction] of PROFILES) {
    it(name, () => {
      const graphOpts: TrimOptions = { nodeCount: 8, nodeFraction, edgeFraction: 0.001, cumSort: false, visual: true };
      const rowOpts: TrimOptions = { nodeCount: 0, nodeFraction, edgeFraction: 0.001, cumSort: false, visual: false, edges: 'inline' };
      for (const granularity of ['functions', 'lines'] as const) {
        for (const dropNegative of [false, true]) {
          fusedWalks.mockClear();
          const alone = genProfile(o);
          const every = genProfile(o);
          reportsEveryType(every);
          const at = `${name} ${granularity} drop_negative=${dropNegative}`;
          for (let j = 0; j < alone.sampleTypes.length; j++) {
            // The HTML's order: a type's graph, then its table.
            for (const opts of [graphOpts, rowOpts]) {
              const a = trimmedGraph(prepOf(alone, j, granularity, dropNegative), opts);
              const e = trimmedGraph(prepOf(every, j, granularity, dropNegative), opts);
              expect(a.droppedNodes, `${at} type ${j}`).toBeGreaterThan(0);
              expect(shape(e.graph), `${at} type ${j} ${opts.visual ? 'graph' : 'rows'}`).toEqual(shape(a.graph));
              expect([e.origCount, e.droppedNodes, e.droppedEdges, e.totalValue]).toEqual([a.origCount, a.droppedNodes, a.droppedEdges, a.totalValue]);
            }
          }
          // The run did take one walk for every type's nodefraction cut (the first graph's), and
          // at most one for the nodecount cuts (see the labelled profiles below).
          expect(fusedWalks.mock.calls[0]![1], at).toHaveLength(4);
          expect(fusedWalks.mock.calls.length, at).toBeLessThanOrEqual(2);
        }
      }
    });
  }
});

// A node's tags, in the order a printer meets them.
const tagsOf = (g: Graph) =>
  g.nodes.map((n) => ({
    labels: [...n.labelTags.values()].map((t) => `${t.name} ${t.flat} ${t.cum}`),
    numeric: [...n.numericTags].map(([k, tm]) => [k, [...tm.values()].map((t) => `${t.name} ${t.value} ${t.flat} ${t.cum}`)]),
  }));

const prepWithUnit = (p: Profile, valueIndex: number, granularity: 'functions' | 'lines', dropNegative: boolean, tagUnit: string): Prepared =>
  prepare(p, { valueIndex, granularity, noInlines: false, dropNegative, tagUnit });

describe('the nodecount cut of a run of every sample type is that of one type at a time', () => {
  const LABELLED: [string, GenOptions, number][] = [
    ['labelled', { seed: 4, samples: 4000, functions: 150, locations: 300, negative: false, labels: true }, 0.005],
    ['labelled diff', { seed: 5, samples: 4000, functions: 150, locations: 300, negative: true, labels: true }, 0.005],
  ];
  for (const [name, o, nodeFraction] of LABELLED) {
    it(name, () => {
      let cuts = 0;
      for (const nodeCount of [5, 10, 80]) {
        const graphOpts: TrimOptions = { nodeCount, nodeFraction, edgeFraction: 0.001, cumSort: false, visual: true };
        const rowOpts: TrimOptions = { nodeCount: 0, nodeFraction, edgeFraction: 0.001, cumSort: false, visual: false, edges: 'inline' };
        for (const granularity of ['functions', 'lines'] as const) {
          for (const dropNegative of [false, true]) {
            fusedWalks.mockClear();
            const alone = genProfile(o);
            const every = genProfile(o);
            reportsEveryType(every);
            const at = `${name} nodecount ${nodeCount} ${granularity} drop_negative=${dropNegative}`;
            let topCuts = 0;
            for (let j = 0; j < alone.sampleTypes.length; j++) {
              for (const opts of [graphOpts, rowOpts]) {
                const a = trimmedGraph(prepOf(alone, j, granularity, dropNegative), opts);
                const e = trimmedGraph(prepOf(every, j, granularity, dropNegative), opts);
                if (opts.visual && a.graph.nodes.length < a.origCount) topCuts++;
                expect(shape(e.graph), `${at} type ${j} ${opts.visual ? 'graph' : 'rows'}`).toEqual(shape(a.graph));
                expect(tagsOf(e.graph), `${at} type ${j} tags`).toEqual(tagsOf(a.graph));
                expect([e.origCount, e.droppedNodes, e.droppedEdges, e.totalValue]).toEqual([a.origCount, a.droppedNodes, a.droppedEdges, a.totalValue]);
              }
            }
            // Every type's nodecount cut drops nodes here: the first graph's walk made all their edges.
            expect(topCuts, at).toBe(4);
            expect(fusedWalks.mock.calls.map((c) => c[1].length), at).toEqual([4, 4]);
            cuts += topCuts;
          }
        }
      }
      expect(cuts).toBe(48);
    });
  }

  it('a type whose own nodecount cut is not the one worked out for it walks for its own edges', () => {
    // The first type's report works out the other types' cuts with its tag unit; theirs are asked
    // for with another one, which merges their numeric tags (fewer nodelets: more nodes kept).
    const o: GenOptions = { seed: 4, samples: 4000, functions: 150, locations: 300, negative: false, labels: true };
    const opts: TrimOptions = { nodeCount: 10, nodeFraction: 0.005, edgeFraction: 0.001, cumSort: false, visual: true };
    const alone = genProfile(o);
    const every = genProfile(o);
    reportsEveryType(every);
    let differ = 0;
    for (let j = 0; j < alone.sampleTypes.length; j++) {
      const unit = j === 0 ? 'minimum' : 'gb';
      fusedWalks.mockClear();
      const a = trimmedGraph(prepWithUnit(alone, j, 'functions', false, unit), opts);
      const e = trimmedGraph(prepWithUnit(every, j, 'functions', false, unit), opts);
      expect(shape(e.graph), `type ${j}`).toEqual(shape(a.graph));
      expect(tagsOf(e.graph), `type ${j} tags`).toEqual(tagsOf(a.graph));
      if (j > 0) {
        // The cut that was worked out for this type (with the first one's tag unit) is not its own.
        const guessed = trimmedGraph(prepWithUnit(alone, j, 'functions', false, 'minimum'), opts);
        if (shape(guessed.graph).nodes.join() !== shape(a.graph).nodes.join()) differ++;
        expect(fusedWalks, `type ${j}`).not.toHaveBeenCalled();
      }
    }
    expect(differ).toBe(3);
  });
});
