import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';
import { parseDot } from './helpers/dot-parse.js';
import { goldenCases, normalizeText } from './helpers/goldens.js';

const NODE_FACTS = ['label', 'fontsize', 'color', 'fillcolor', 'shape', 'tooltip'];
const EDGE_FACTS = ['label', 'weight', 'penwidth', 'color', 'style', 'minlen', 'tooltip'];

/** The pprof legend label starts with the same lines in both; compare label text, not node name. */
function dotFacts(src: string) {
  const d = parseDot(src);
  const nodes: Record<string, Record<string, string>> = {};
  for (const [id, attrs] of d.nodes) {
    if (!/^N+\d/.test(id)) continue;
    nodes[id] = Object.fromEntries(NODE_FACTS.filter((k) => attrs[k] !== undefined).map((k) => [k, attrs[k]!]));
  }
  const legend = [...d.nodes.entries()].find(([id]) => !/^N+\d/.test(id) && id !== 'node' && id !== 'edge');
  const edges = d.edges.map((e) => ({
    edge: `${e.from} -> ${e.to}`,
    ...Object.fromEntries(EDGE_FACTS.filter((k) => e.attrs[k] !== undefined).map((k) => [k, e.attrs[k]!])),
  }));
  return { legend: normalizeText((legend?.[1]['label'] ?? '').replace(/\\l/g, '\n')), nodes, edges };
}

const cases = goldenCases();

describe('same numbers as go tool pprof (goldens in test/goldens/pprof, made by npm run goldens)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(20);
  });
  for (const c of cases) {
    const args = [c.sample, ...c.flags];
    if (c.kind === 'dot') args.push('--output', '-');
    // pprof merges Node's (anonymous…) functions by name; gen-report qualifies them unless asked not to.
    if (c.sample.includes('/node/')) args.push('--merge-anonymous');
    it(`${c.sample} ${c.flags.join(' ')}`, () => {
      const golden = readFileSync(`${ROOT}${c.golden}`, 'utf8');
      const r = runCli(args);
      if (c.kind === 'err') {
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        return;
      }
      // pprof warns on stderr too (e.g. "Multiple value selections, ignoring -inuse_space").
      for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^gen-report: warning: /);
      expect(r.code).toBe(0);
      if (c.kind === 'text') {
        expect(normalizeText(r.stdout)).toBe(normalizeText(golden));
      } else {
        const ours = dotFacts(r.stdout);
        const theirs = dotFacts(golden);
        expect(ours.legend).toBe(theirs.legend);
        expect(ours.nodes).toEqual(theirs.nodes);
        expect(ours.edges).toEqual(theirs.edges);
      }
    });
  }
});
