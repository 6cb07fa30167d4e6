import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { parseDot } from '../helpers/dot-parse.js';
import { goldenCases, normalizeText } from '../helpers/goldens.js';

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

/**
 * The errors whose first line differs from pprof's on purpose: golden file → why, and the part of
 * pprof's line ours keeps ('' when it keeps none). Every other .err golden's first line is ours
 * without the "gen-report: " prefix, exactly.
 */
const OWN_ERRORS: Record<string, { why: string; keeps: string }> = {
  'synthetic_bad_alloc_count_zero.prof@text.err': { why: 'names the line, not "parsing profile"', keeps: 'allocation count was 0 but allocation bytes was 2048' },
  'synthetic_bad_inuse_count_zero.prof@text.err': { why: 'names the line, not "parsing profile"', keeps: 'inuse count was 0 but inuse bytes was 1024' },
  'synthetic_bad_go_inuse_count_zero.prof@text.err': { why: 'names the line, not "parsing profile"', keeps: 'inuse count was 0 but inuse bytes was 512' },
  'synthetic_bad_hex_overflow.prof@text.err': {
    why: 'names the line, not "parsing profile"',
    keeps: 'malformed sample: 1: 1024 [1: 1024] @ 0x401235 0x1ffffffffffffffffff: failed to parse as hex 64-bit number: 0x1ffffffffffffffffff',
  },
  'synthetic_bad_bad_header_kind.prof@text.err': { why: 'also says which kind is unknown and which ones are known', keeps: 'unrecognized profile format' },
  'synthetic_bad_bad_header_typo.prof@text.err': { why: 'also quotes the header and the form it should have', keeps: 'unrecognized profile format' },
  'synthetic_bad_empty.prof@text.err': { why: 'says how many bytes the input had', keeps: 'empty input' },
  'synthetic_bad_garbage_line.prof@text.err': { why: "quotes the line that is not a sample (pprof's count of values says nothing of it)", keeps: '' },
  'synthetic_bad_garbage_line.prof@dot.err': { why: "quotes the line that is not a sample (pprof's count of values says nothing of it)", keeps: '' },
  'workload_leak.pb.gz@text@samples_workload_node_leak.pb.gz.err': { why: "names the profiles and leaves out Go's zero struct fields", keeps: 'period type: incompatible types: ' },
  'workload_leak.pb.gz@text@base=samples_workload_node_leak.pb.gz.err': { why: "names the profiles and leaves out Go's zero struct fields", keeps: 'period type: incompatible types: ' },
  'workload_leak.pb.gz@text@diff_base=samples_workload_node_leak.pb.gz.err': { why: "names the profiles and leaves out Go's zero struct fields", keeps: 'period type: incompatible types: ' },
  'workload_series_leak-006.pb.gz@text@normalize.err': { why: 'names the options that give a base, in their spelling here', keeps: '' },
  'workload_series_leak-006.pb.gz@text@base=samples_workload_series_leak-001.pb.gz@diff_base=samples_workload_series_leak-002.pb.gz.err': {
    why: 'the options in their spelling here',
    keeps: 'cannot both be',
  },
  'threadcreate.prof@text.err': { why: 'every input error names its source; "parsing profile" would say nothing more', keeps: 'malformed profile format' },
};

describe('same numbers as go tool pprof (goldens in test/goldens/pprof, made by npm run goldens)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(20);
  });
  it('reads every golden in test/goldens/pprof (an .err no case reads would never be compared)', () => {
    const read = new Set(cases.map((c) => c.golden.slice(c.golden.lastIndexOf('/') + 1)));
    const files = readdirSync(`${ROOT}test/goldens/pprof`);
    expect(files.filter((f) => !read.has(f))).toEqual([]);
    expect(cases.filter((c) => c.kind === 'err').length).toBe(files.filter((f) => f.endsWith('.err')).length);
  });
  it('lists only errors that have a golden', () => {
    const errs = new Set(cases.filter((c) => c.kind === 'err').map((c) => c.golden.slice(c.golden.lastIndexOf('/') + 1)));
    expect(Object.keys(OWN_ERRORS).filter((g) => !errs.has(g))).toEqual([]);
  });
  for (const c of cases) {
    // A word without a leading "-" is one more source; regen.sh hands pprof those before the
    // sample, and the merge takes its header (File:, Time:) from the first source: same order here.
    // -base=FILE / -diff_base=FILE pass through as they are (pprof's spelling).
    const extra = c.flags.filter((f) => !f.startsWith('-'));
    const args = [...extra, c.sample, ...c.flags.filter((f) => f.startsWith('-'))];
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
        const theirs = golden.split('\n')[0]!.trimEnd();
        const ours = r.stderr.split('\n')[0]!;
        expect(ours.startsWith('gen-report: ')).toBe(true);
        const own = OWN_ERRORS[c.golden.slice(c.golden.lastIndexOf('/') + 1)];
        if (!own) expect(ours.slice('gen-report: '.length)).toBe(theirs);
        else {
          // Listed as different: it must still differ (else the entry goes), and keep pprof's words it says it keeps.
          expect(ours.slice('gen-report: '.length)).not.toBe(theirs);
          expect(theirs).toContain(own.keeps);
          expect(ours).toContain(own.keeps);
        }
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
