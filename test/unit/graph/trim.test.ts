// buildKeptGraph (a rebuild over a kept set that takes the nodes' values as known and walks only for
// edges) against buildGraph (pprof's rebuild, every figure summed again), on plain profiles and on
// diffs, where nodes are negative or cancel out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { buildGraph, buildKeptGraph, isNegative, nodeTotals, nodeTotalsWithTags, type Graph, type NodeFigures, type SharedEdges } from '../../../src/graph/build.js';
import { prepare } from '../../../src/graph/prepare.js';
import { trimmedGraph } from '../../../src/graph/trim.js';
import { parseProfile } from '../../../src/ingest/parse.js';
import type { Profile } from '../../../src/model/profile.js';
import { scrambledDiff } from '../../helpers/diff-profile.js';
import { ROOT } from '../../helpers/cli.js';

const load = (f: string): Profile => parseProfile(readFileSync(join(ROOT, f)), f, { maxInflate: DEFAULTS.maxInflate });

const PROFILES: [string, () => Profile][] = [
  ['inline', () => load('samples/inline.pb.gz')],
  ['recursion', () => load('samples/recursion.pb.gz')],
  ['labels', () => load('samples/labels.pb.gz')],
  ['leak (legacy text)', () => load('samples/workload/leak.prof')],
  ['inline, scrambled diff', () => scrambledDiff(load('samples/inline.pb.gz'), 7)],
  ['leak, scrambled diff', () => scrambledDiff(load('samples/workload/leak.pb.gz'), 7)],
];

const edges = (g: Graph) =>
  g.nodes.flatMap((n) => [...n.in.values()].map((e) => `${e.src.nid}->${e.dest.nid} ${e.weight} ${e.inline} ${e.residual}`)).sort();
const nodes = (g: Graph) => g.nodes.map((n) => `${n.nid} ${n.flat} ${n.cum}`).sort();

describe('a kept-set rebuild that walks only for edges builds pprof\'s rebuild', () => {
  for (const [name, make] of PROFILES) {
    it(name, () => {
      const p = make();
      for (const dropNegative of [false, true]) {
        for (let valueIndex = 0; valueIndex < p.sampleTypes.length; valueIndex++) {
          const prep = prepare(p, { valueIndex, granularity: 'functions', noInlines: false, dropNegative, tagUnit: 'minimum' });
          const { flat, cum } = nodeTotals(prep);
          const figures: NodeFigures[] = [];
          for (let nid = 0; nid < flat.length; nid++) {
            if (flat[nid] === 0 && cum[nid] === 0) continue;
            if (dropNegative && isNegative(flat[nid]!, cum[nid]!)) continue;
            figures.push({ nid, flat: flat[nid]!, cum: cum[nid]! });
          }
          const at = `${name} drop_negative=${dropNegative} sample_index=${valueIndex}`;
          // Kept sets: the heaviest half, and every third node.
          const byCum = [...figures].sort((a, b) => Math.abs(b.cum) - Math.abs(a.cum));
          for (const kept of [byCum.slice(0, Math.ceil(byCum.length / 2)), figures.filter((_, i) => i % 3 === 0)]) {
            const mask = new Uint8Array(flat.length);
            for (const k of kept) mask[k.nid] = 1;
            const ref = buildGraph(prep, mask, false);
            const lean = buildKeptGraph(prep, kept, 'all');
            expect(nodes(lean), at).toEqual(nodes(ref));
            expect(edges(lean), at).toEqual(edges(ref));
          }
          // Nothing dropped: the untrimmed graph itself.
          const t = trimmedGraph(prep, { nodeCount: 0, nodeFraction: 0, edgeFraction: 0, cumSort: false, visual: false });
          const full = buildGraph(prep, null, false);
          expect(nodes(t.graph), at).toEqual(nodes(full));
          expect(edges(t.graph), at).toEqual(edges(full));
        }
      }
    });
  }
});

const tagsOf = (h: { labelTags: Map<string, unknown>; numericTags: Map<string, Map<string, unknown>> }) => ({
  labels: [...h.labelTags.entries()],
  numeric: [...h.numericTags.entries()].map(([k, m]) => [k, [...m.entries()]]),
});

describe("the untrimmed walk's tags per node are pprof's tags of that node in any build", () => {
  for (const [name, make] of PROFILES) {
    it(name, () => {
      const p = make();
      for (let valueIndex = 0; valueIndex < p.sampleTypes.length; valueIndex++) {
        const prep = prepare(p, { valueIndex, granularity: 'functions', noInlines: false, dropNegative: false, tagUnit: 'minimum' });
        const r = nodeTotalsWithTags(prep)!;
        const plain = nodeTotals(prep);
        expect(Array.from(r.flat)).toEqual(Array.from(plain.flat));
        expect(Array.from(r.cum)).toEqual(Array.from(plain.cum));
        const full = buildGraph(prep, null, true);
        expect(full.nodes.length).toBeGreaterThan(0);
        for (const n of full.nodes) expect(tagsOf(r.tags.holder(prep, n.nid)), `${name} ${valueIndex} ${n.name}`).toEqual(tagsOf(n));
        // A kept-set build (every other node): its nodes' tags are the same.
        const mask = new Uint8Array(r.flat.length);
        full.nodes.forEach((n, i) => (mask[n.nid] = i % 2));
        for (const n of buildGraph(prep, mask, true).nodes) expect(tagsOf(r.tags.holder(prep, n.nid))).toEqual(tagsOf(n));
      }
    });
  }
  it('past the direct tables it declines (tags are then summed by the build)', () => {
    const prep = prepare(load('samples/labels.pb.gz'), { valueIndex: 0, granularity: 'functions', noInlines: false, dropNegative: false, tagUnit: 'minimum' });
    expect(nodeTotalsWithTags({ ...prep, sampleTags: new Array(2 ** 20).fill(prep.sampleTags[0]) })).toBeNull();
  });
});

describe("a table's kept-set build in a run of every sample type takes every edge for the graph of the same cut", () => {
  for (const [name, make] of PROFILES) {
    it(name, () => {
      const p = make();
      const prep = prepare(p, { valueIndex: 0, granularity: 'functions', noInlines: false, dropNegative: false, tagUnit: 'minimum' });
      const { flat, cum } = nodeTotals(prep);
      const kept: NodeFigures[] = [];
      for (let nid = 0; nid < flat.length; nid++) if ((flat[nid] !== 0 || cum[nid] !== 0) && nid % 2 === 0) kept.push({ nid, flat: flat[nid]!, cum: cum[nid]! });
      const everyType = { ...prep, columns: () => [prep.weights] };
      const shared: SharedEdges = {};
      // The table's build: the edges into inlined functions only, as without `shared`.
      expect(edges(buildKeptGraph(everyType, kept, 'inlined', shared)), name).toEqual(edges(buildKeptGraph(prep, kept, 'inlined')));
      // The graph's build takes them (no walk) and has every edge of its own walk.
      expect(edges(buildKeptGraph(everyType, kept, 'all', shared)), name).toEqual(edges(buildKeptGraph(prep, kept, 'all')));
    });
  }
  it('fills the shared edges only in such a run', () => {
    const prep = prepare(load('samples/inline.pb.gz'), { valueIndex: 0, granularity: 'functions', noInlines: false, dropNegative: false, tagUnit: 'minimum' });
    const { flat, cum } = nodeTotals(prep);
    const kept: NodeFigures[] = [];
    for (let nid = 0; nid < flat.length; nid++) if (flat[nid] !== 0 || cum[nid] !== 0) kept.push({ nid, flat: flat[nid]!, cum: cum[nid]! });
    const alone: SharedEdges = {};
    buildKeptGraph(prep, kept, 'inlined', alone);
    expect(alone.edges).toBeUndefined();
    const every: SharedEdges = {};
    buildKeptGraph({ ...prep, columns: () => [prep.weights] }, kept, 'inlined', every);
    expect(every.edges).toBeDefined();
    const all = buildKeptGraph(prep, kept, 'all');
    expect(every.edges!.size).toBe(all.nodes.reduce((n, g) => n + g.in.size, 0));
  });
});
