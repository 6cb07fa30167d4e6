// The walks an HTML report shares across sample types: the untrimmed walk of every type at once
// (nodeTotalsWithTagsOfColumns) against one walk per type, and a table taking the edges of the
// graph's build over the same kept set against its own walk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateHeapProfile } from '../../../bench/gen-profile.js';
import { subtractBase } from '../../../src/profile/diff.js';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { buildKeptGraph, nodeTotalsWithTags, nodeTotalsWithTagsOfColumns, type Graph, type SharedEdges } from '../../../src/graph/build.js';
import { prepare, reportsEveryType, sampleWeights } from '../../../src/graph/prepare.js';
import { trimmedGraph, type TrimOptions } from '../../../src/graph/trim.js';
import { parseProfile } from '../../../src/ingest/parse.js';
import type { Profile } from '../../../src/model/profile.js';
import { ROOT } from '../../helpers/cli.js';

const load = (f: string): Profile => parseProfile(readFileSync(join(ROOT, f)), f, { maxInflate: DEFAULTS.maxInflate });
// Inuse columns are 0 where alloc ones are not (a sample's zero weight differs per type).
const generated = (): Profile =>
  parseProfile(gunzipSync(generateHeapProfile({ seed: 3, samples: 3000, functions: 90, maxDepth: 16 })), 'generated', { maxInflate: DEFAULTS.maxInflate });
const diff = (p: Profile): Profile => {
  const values = p.samples.values.slice();
  for (let i = 0; i < values.length; i++) values[i]! *= i % 3;
  return subtractBase(p, { ...p, samples: { ...p.samples, values } }, { diff: false, normalize: false });
};

const PROFILES: [string, () => Profile][] = [
  ['generated', generated],
  ['inline', () => load('samples/inline.pb.gz')],
  ['labels', () => load('samples/labels.pb.gz')],
  ['leak', () => load('samples/workload/leak.pb.gz')],
  ['generated, diff', () => diff(generated())],
];

const prepOf = (p: Profile, valueIndex: number) => prepare(p, { valueIndex, granularity: 'functions', noInlines: false, dropNegative: false, tagUnit: 'minimum' });

describe('one walk for every sample type sums what one walk per type does', () => {
  for (const [name, make] of PROFILES) {
    it(name, () => {
      const p = make();
      const columns = p.sampleTypes.map((_, j) => sampleWeights(p, j));
      const all = nodeTotalsWithTagsOfColumns(prepOf(p, 0), columns)!;
      expect(all).toHaveLength(p.sampleTypes.length);
      p.sampleTypes.forEach((_, j) => {
        const one = nodeTotalsWithTags(prepOf(p, j))!;
        const r = all[j]!;
        expect(Array.from(r.flat), `${name} ${j} flat`).toEqual(Array.from(one.flat));
        expect(Array.from(r.cum), `${name} ${j} cum`).toEqual(Array.from(one.cum));
        expect(Array.from(r.tags.flat), `${name} ${j} tag flat`).toEqual(Array.from(one.tags.flat));
        expect(Array.from(r.tags.cum), `${name} ${j} tag cum`).toEqual(Array.from(one.tags.cum));
        expect(Array.from(r.tags.first), `${name} ${j} tag first`).toEqual(Array.from(one.tags.first));
      });
    });
  }
});

// Edges in the order a printer meets them (node order, then each node's map order).
const edgeList = (g: Graph) => g.nodes.flatMap((n) => [...n.in.values()].map((e) => `${e.src.nid}->${e.dest.nid} ${e.weight} ${e.inline} ${e.residual}`));

describe("a build of the edges into inlined nodes taken from a build of all edges over the same kept set is that build's own", () => {
  for (const [name, make] of PROFILES) {
    it(name, () => {
      const p = make();
      for (let j = 0; j < p.sampleTypes.length; j++) {
        const prep = prepOf(p, j);
        const figures = [...nodeTotalsWithTags(prep)!.cum.entries()].filter(([, c]) => c !== 0).map(([nid, cum]) => ({ nid, flat: 0, cum }));
        const kept = figures.filter((_, i) => i % 2 === 0);
        const shared: SharedEdges = {};
        const allEdges = buildKeptGraph(prep, kept, 'all', shared);
        expect(shared.edges).toBeDefined();
        const own = buildKeptGraph(prep, kept, 'inlined');
        expect(edgeList(buildKeptGraph(prep, kept, 'inlined', shared)), `${name} ${j}`).toEqual(edgeList(own));
        expect(edgeList(buildKeptGraph(prep, kept, 'all', shared))).toEqual(edgeList(allEdges));
      }
    });
  }
});

describe('trimmed graphs of every sample type are the same when the run reports every type', () => {
  const graphOpts: TrimOptions = { nodeCount: 20, nodeFraction: 0.005, edgeFraction: 0.001, cumSort: false, visual: true };
  const rowOpts: TrimOptions = { nodeCount: 0, nodeFraction: 0.005, edgeFraction: 0.001, cumSort: false, visual: false, edges: 'inline' };
  const shape = (g: Graph) => ({
    nodes: g.nodes.map((n) => `${n.nid} ${n.flat} ${n.cum} ${JSON.stringify([...n.labelTags.entries()])} ${JSON.stringify([...n.numericTags.entries()].map(([k, m]) => [k, [...m.entries()]]))}`),
    edges: edgeList(g),
  });
  for (const [name, make] of PROFILES) {
    it(name, () => {
      const alone = make();
      const shared = make();
      reportsEveryType(shared);
      for (let j = 0; j < alone.sampleTypes.length; j++) {
        // The HTML's order: the graph, then the table of the same type.
        const ga = trimmedGraph(prepOf(alone, j), graphOpts);
        const gs = trimmedGraph(prepOf(shared, j), graphOpts);
        expect(shape(gs.graph), `${name} ${j} graph`).toEqual(shape(ga.graph));
        expect([gs.origCount, gs.droppedNodes, gs.droppedEdges, gs.totalValue]).toEqual([ga.origCount, ga.droppedNodes, ga.droppedEdges, ga.totalValue]);
        const ra = trimmedGraph(prepOf(alone, j), rowOpts);
        const rs = trimmedGraph(prepOf(shared, j), rowOpts);
        expect(shape(rs.graph), `${name} ${j} rows`).toEqual(shape(ra.graph));
        expect([rs.origCount, rs.droppedNodes, rs.droppedEdges]).toEqual([ra.origCount, ra.droppedNodes, ra.droppedEdges]);
      }
    });
  }
});
