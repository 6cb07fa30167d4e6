// The page's engine (dist/page/engine.js, run as the page runs it) refines the report's embedded
// profile with the command's own code: for each refine state its text, DOT, peek and list equal
// what the built command prints with the same flags.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../src/io/node-platform.js';
import { loadProfile } from '../../../src/io/load-profile.js';
import { runCli } from '../../helpers/cli.js';
import { HOSTILE_NAMES, heapProfile } from '../../helpers/hostile-profile.js';
import { embeddedProfile, loadEngine, reportHtml, stateFlags, type EngineHandle, type RefineState } from '../../helpers/page-engine.js';

const WORKLOAD = 'samples/workload/leak.pb.gz';
const SOURCES = ['--source_path=workload/go', '--trim_path=userleak'];
/** Inlined calls, and functions allocating at several addresses (main.newBuf): --addresses differs from --lines. */
const INLINE = 'samples/inline.pb.gz';

/** What the command prints on stdout (exit 0 expected). */
function cli(args: string[]): string {
  const r = runCli(args);
  expect(r.stderr.includes('gen-report: ') && r.code !== 0 ? r.stderr : '', `gen-report ${args.join(' ')}`).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

const pages = new Map<string, EngineHandle>();
function engineFor(args: string[]): EngineHandle {
  const key = args.join('\0');
  let h = pages.get(key);
  if (!h) {
    h = loadEngine(reportHtml(args))!;
    expect(h, `#gr-profile in the page of ${args.join(' ')}`).not.toBeNull();
    pages.set(key, h);
  }
  return h;
}

/** A synthetic profile (hostile names among plain ones, labels), written where the command can read it. */
const dir = mkdtempSync(join(tmpdir(), 'gr-page-engine-'));
const SYNTHETIC = join(dir, 'synthetic.pb.gz');
const names = ['main.main', 'main.serve', 'app.Handle', 'app.cache', 'app.decode', ...HOSTILE_NAMES];
writeFileSync(
  SYNTHETIC,
  heapProfile({
    functions: names,
    file: (i) => (i % 2 === 0 ? 'main.go' : 'app/app.go'),
    samples: names.slice(1).flatMap((_, k) => [
      { stack: [k + 1, 1, 0], values: [k + 1, (k + 1) * 4096] as [number, number], labels: [['tenant', k % 2 ? 'acme' : 'globex']] as [string, string][] },
      { stack: [k + 1, 2, 1, 0], values: [1, 1000 + k] as [number, number], labels: [['handler', `/h${k % 3}`]] as [string, string][] },
    ]),
  }),
);

const CASES: { profile: string[]; state: RefineState }[] = [
  { profile: [WORKLOAD, ...SOURCES], state: {} },
  { profile: [WORKLOAD, ...SOURCES], state: { f: 'sql' } },
  { profile: [WORKLOAD, ...SOURCES], state: { i: 'runtime' } },
  { profile: [WORKLOAD, ...SOURCES], state: { h: 'mysql' } },
  { profile: [WORKLOAD, ...SOURCES], state: { s: 'main\\.|database/sql' } },
  { profile: [WORKLOAD, ...SOURCES], state: { sf: 'database/sql\\.\\(\\*DB\\)' } },
  { profile: [WORKLOAD, ...SOURCES], state: { si: 'alloc_space' } },
  { profile: [WORKLOAD, ...SOURCES], state: { g: 'lines' } },
  { profile: [WORKLOAD, ...SOURCES], state: { g: 'files' } },
  { profile: [WORKLOAD, ...SOURCES], state: { g: 'filefunctions', n: 7 } },
  // pprof's --addresses: a node per (address, line), e.g. main.query at several call sites.
  { profile: [WORKLOAD, ...SOURCES], state: { g: 'addresses' } },
  { profile: [WORKLOAD, ...SOURCES], state: { g: 'addresses', f: 'sql', n: 12 } },
  { profile: [INLINE], state: { g: 'addresses' } },
  { profile: [WORKLOAD, ...SOURCES], state: { n: 10 } },
  { profile: [WORKLOAD, ...SOURCES], state: { f: 'sql', i: 'Connect', si: 'inuse_objects', n: 15 } },
  { profile: [WORKLOAD, ...SOURCES], state: { f: 'mysql', h: 'runtime', g: 'lines', tf: 'bytes=1kb:' } },
  { profile: ['samples/labels.pb.gz'], state: { tf: 'tenant=acme' } },
  { profile: ['samples/labels.pb.gz'], state: { ti: 'handler=/orders' } },
  { profile: ['samples/labels.pb.gz'], state: { ts: 'tenant|region', f: 'main' } },
  { profile: ['samples/labels.pb.gz'], state: { th: 'bytes', tf: '64kb:', n: 3 } },
  { profile: ['samples/labels.pb.gz'], state: { tf: 'region=eu,us', ti: 'tenant=globex', si: 'inuse_objects' } },
  { profile: [SYNTHETIC], state: {} },
  { profile: [SYNTHETIC], state: { f: 'app\\.', h: 'serve' } },
  { profile: [SYNTHETIC], state: { i: '日本語|emoji', g: 'files' } },
  { profile: [SYNTHETIC], state: { tf: 'tenant=acme', s: 'main|app|пакет' } },
];

describe('the page engine refines with the command\'s own code', () => {
  for (const { profile, state } of CASES) {
    const flags = stateFlags(state);
    it(`${profile[0]} ${flags.join(' ') || '(no flags)'}: text and DOT equal --text and --dot`, () => {
      const h = engineFor(profile);
      const r = h.compute(state);
      expect(r.text).toBe(cli([...profile, '--text', ...flags]));
      expect(r.dot).toBe(cli([...profile, '--dot', '--output=-', ...flags]));
      // The header lines the page shows are --text's (after its File/Type/Time lines).
      expect(r.text).toContain(r.labels.join('\n'));
    });
  }

  it("the initial state's flame graph is the page's precomputed one", () => {
    const html = reportHtml([WORKLOAD, ...SOURCES]);
    const data = JSON.parse(/<script type="application\/json" id="gr-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as { flame: unknown };
    const h = loadEngine(html)!;
    expect(JSON.parse(JSON.stringify(h.compute(h.initial).flame))).toEqual(data.flame);
    expect(h.compute({ f: 'sql' }).flame.names.length).toBeLessThan((data.flame as { names: string[] }).names.length);
  });

  it('peek equals --peek, with and without a refine', () => {
    const h = engineFor([WORKLOAD, ...SOURCES]);
    expect(h.peek({}, 'main.query')).toBe(cli([WORKLOAD, '--peek=main.query']));
    expect(h.peek({ f: 'sql', si: 'alloc_space' }, 'Connect$')).toBe(cli([WORKLOAD, '--peek=Connect$', '--focus=sql', '--sample_index=alloc_space']));
  });

  it('list equals --list main.query --source_path …, from the sources embedded at report time', () => {
    const h = engineFor([WORKLOAD, ...SOURCES]);
    expect(h.sources.available).toBe(true);
    const out = h.list({}, 'main.query');
    expect(out).toBe(cli([WORKLOAD, '--list=main.query', ...SOURCES]));
    expect(out).toContain('func query(');
    expect(h.list({ si: 'alloc_space', g: 'lines' }, 'main.query')).toBe(cli([WORKLOAD, '--list=main.query', '--sample_index=alloc_space', '--lines', ...SOURCES]));
  });

  it('list of a function whose file the page does not carry is null (never a wrong listing)', () => {
    const h = engineFor([WORKLOAD, ...SOURCES]);
    // The least function of the profile: not among the top functions whose files are embedded.
    const rows = h.compute({}).text.trim().split('\n');
    const last = rows[rows.length - 1]!.trim().split(/\s+/).slice(5).join(' ').replace(/ \((partial-)?inline\)$/, '');
    const quoted = last.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
    const out = h.list({}, `^${quoted}$`);
    if (out !== null) expect(out).toBe(cli([WORKLOAD, `--list=^${quoted}$`, ...SOURCES]));
    // No match at all is the command's error, not null.
    const none = runCli([WORKLOAD, '--list=main.query', '--focus=nothing-matches-this', ...SOURCES]);
    expect(none.code).toBe(2);
    const error = none.stderr.trim().split('\n').pop()!.replace(/^gen-report: /, '');
    expect(error).toMatch(/^no matches found/);
    expect(() => h.list({ f: 'nothing-matches-this' }, 'main.query')).toThrow(error);
  });

  it('list never prints a listing cut short: a file or line the page lacks makes it null', () => {
    const html = reportHtml([WORKLOAD, ...SOURCES]);
    const page = JSON.parse(embeddedProfile(html)!) as { sources: Record<string, { firstLine: number; lines: (string | null)[] }> };
    const file = Object.keys(page.sources).find((f) => f.endsWith('main.go'))!;
    expect(page.sources[file]!.lines.length).toBeGreaterThan(10);
    const edit = (f: (p: typeof page) => void) => {
      const copy = structuredClone(page);
      f(copy);
      return html.replace(embeddedProfile(html)!, JSON.stringify(copy).replace(/</g, '\\u003c'));
    };
    expect(loadEngine(edit(() => {}))!.list({}, 'main.query')).toBe(cli([WORKLOAD, '--list=main.query', ...SOURCES]));
    expect(loadEngine(edit((c) => delete c.sources[file]))!.list({}, 'main.query')).toBeNull();
    // Lines of main.query's own listing: one left out, or the file cut after its first line.
    const at = page.sources[file]!.lines.findIndex((l) => l?.startsWith('func query('));
    expect(at).toBeGreaterThan(0);
    expect(loadEngine(edit((c) => (c.sources[file]!.lines[at] = null)))!.list({}, 'main.query')).toBeNull();
    expect(
      loadEngine(
        edit((c) => {
          c.sources[file] = { firstLine: c.sources[file]!.firstLine, lines: c.sources[file]!.lines.slice(0, at + 1) };
        }),
      )!.list({}, 'main.query'),
    ).toBeNull();
  });

  it('a bad regexp throws the command\'s one-line message', () => {
    const h = engineFor([WORKLOAD, ...SOURCES]);
    const r = runCli([WORKLOAD, '--text', '--focus=main.(query']);
    expect(r.code).toBe(2);
    const message = r.stderr.trim().replace(/^gen-report: /, '');
    expect(message).not.toContain('\n');
    expect(() => h.compute({ f: 'main.(query' })).toThrow(message);
    expect(() => h.peek({}, '[z-a]')).toThrow(runCli([WORKLOAD, '--peek=[z-a]']).stderr.trim().replace(/^gen-report: /, ''));
  });

  it('warnings are the command\'s stderr remarks', () => {
    const h = engineFor([WORKLOAD, ...SOURCES]);
    const r = runCli([WORKLOAD, '--text', '--focus=nothing-matches-this']);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('gen-report: warning: ')).map((l) => l.slice('gen-report: warning: '.length));
    expect(warnings.length).toBeGreaterThan(0);
    expect(h.compute({ f: 'nothing-matches-this' }).warnings).toEqual(warnings);
  });

  it('command() names the flags that print the view', () => {
    const h = engineFor([WORKLOAD, ...SOURCES]);
    expect(h.command({ f: 'sql', n: 5 }, 'top')).toBe(`gen-report --text --focus=sql --nodecount=5 ${SOURCES.join(' ')} ${WORKLOAD}`);
    expect(h.command({ sf: 'a b' }, 'peek', 'main.query')).toBe(`gen-report --peek=main.query '--show_from=a b' ${SOURCES.join(' ')} ${WORKLOAD}`);
    expect(h.initial).toEqual({});
  });

  it('hostile names survive embedding inert: the script element ends where it should, every name decodes whole', async () => {
    const html = reportHtml([SYNTHETIC]);
    const text = embeddedProfile(html)!;
    expect(text).not.toMatch(/<\/script|<!--/i);
    const names = (JSON.parse(text) as { profile: { functions: [string][] } }).profile.functions.map((f) => f[0]);
    const model = await loadProfile(readFileSync(SYNTHETIC), SYNTHETIC, { maxInflate: 2 ** 30, mergeAnonymous: false });
    expect(names).toEqual(model.functions.map((f) => f.name));
    expect(names.filter((n) => HOSTILE_NAMES.includes(n)).length).toBeGreaterThan(HOSTILE_NAMES.length - 2);
    const h = loadEngine(html)!;
    expect(h.compute({ f: 'long\\.' }).text).toBe(cli([SYNTHETIC, '--text', '--focus=long\\.']));
  });
});

describe('a report made with --addresses', () => {
  const args = [WORKLOAD, '--addresses'];

  it('the addresses give other rows than the functions (the cases below would pass at function granularity otherwise)', () => {
    expect(cli([WORKLOAD, '--text', '--addresses'])).not.toBe(cli([WORKLOAD, '--text']));
    expect(cli([INLINE, '--text', '--addresses'])).not.toBe(cli([INLINE, '--text', '--lines']));
  });

  it('opens in g=addresses, in the engine and in the page data', () => {
    const html = reportHtml(args);
    const data = JSON.parse(/<script type="application\/json" id="gr-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as { initialState: RefineState };
    expect(data.initialState.g).toBe('addresses');
    const h = engineFor(args);
    expect(h.initial).toEqual({ g: 'addresses' });
    expect(h.compute(h.initial).text).toBe(cli([...args, '--text']));
  });

  it('keeps its granularity through a focus, as the command with the same flags', () => {
    const h = engineFor(args);
    const focused = { ...h.initial, f: 'sql' };
    expect(h.compute(focused).text).toBe(cli([...args, '--text', '--focus=sql']));
    expect(h.compute(focused).dot).toBe(cli([...args, '--dot', '--output=-', '--focus=sql']));
    expect(h.peek(focused, 'main.query')).toBe(cli([...args, '--peek=main.query', '--focus=sql']));
  });

  it('its copy-command line names --addresses', () => {
    const h = engineFor(args);
    expect(h.command(h.initial, 'top')).toBe(`gen-report --text --addresses ${WORKLOAD}`);
    expect(h.command({ ...h.initial, f: 'sql' }, 'graph')).toBe(`gen-report --svg --focus=sql --addresses ${WORKLOAD}`);
    // Another granularity chosen in the page replaces it.
    expect(h.command({ f: 'sql' }, 'top')).toBe(`gen-report --text --focus=sql ${WORKLOAD}`);
    expect(h.command({ g: 'lines' }, 'top')).toBe(`gen-report --text --lines ${WORKLOAD}`);
  });
});

describe('diff and --leaks reports refine too', () => {
  const series = readdirSync('samples/workload/series')
    .filter((f) => f.endsWith('.pb.gz'))
    .sort()
    .map((f) => join('samples/workload/series', f));
  const last = series[series.length - 1]!;

  it('a --diff_base report embeds the difference (with its base totals)', () => {
    const args = [last, `--diff_base=${series[0]}`];
    const h = engineFor(args);
    expect(h.compute({}).text).toBe(cli([...args, '--text']));
    expect(h.compute({ f: 'query', si: 'inuse_objects' }).text).toBe(cli([...args, '--text', '--focus=query', '--sample_index=inuse_objects']));
    expect(h.command({ f: 'query' }, 'top')).toBe(`gen-report --text --focus=query --diff_base=${series[0]} ${last}`);
  });

  it('a --leaks report embeds its last snapshot, whose views the page shows', () => {
    const h = engineFor(['--leaks', ...series]);
    expect(h.compute({ f: 'query' }).text).toBe(cli([last, '--text', '--focus=query']));
    expect(h.command({}, 'top')).toBe(`gen-report --text ${last}`);
  });
});
