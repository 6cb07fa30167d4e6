import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../../src/config/defaults.js';
import { parseProfile } from '../../../../src/ingest/parse.js';
import { computeInputs, reportSource } from '../../../../src/report/inputs.js';
import { buildReportDoc } from '../../../../src/report/summaries/json.js';
import { MARKDOWN_CAP, renderMarkdown } from '../../../../src/report/summaries/markdown.js';
import { cell, codeSpan, mdText } from '../../../../src/report/summaries/md-escape.js';
import { ROOT, runCli } from '../../../helpers/cli.js';
import { expectGolden } from '../../../helpers/golden.js';

/** Runs the CLI in a fresh folder holding a copy of `sample`, so paths in the summary are relative. */
function inTmp(sample: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gen-report-md-'));
  copyFileSync(join(ROOT, sample), join(dir, basename(sample)));
  // A CI runner's variables must not leak into the goldens.
  const clean = { GITHUB_STEP_SUMMARY: '', GITHUB_SERVER_URL: '', GITHUB_REPOSITORY: '', GITHUB_RUN_ID: '', CI: '' };
  return { dir, ...runCli([basename(sample), ...args], { cwd: dir, env: { ...clean, ...env } }) };
}

// Golden name = input @ options; `UPDATE_GOLDENS=1 npx vitest run test/unit/report/summaries/markdown.test.ts` rewrites them.
const CASES: [golden: string, sample: string, args: string[]][] = [
  ['recursion.pb.gz@markdown.md', 'samples/recursion.pb.gz', ['--markdown']],
  [
    'leak.pb.gz@markdown@nodecount=8@max-total=4MiB@max-flat=main.query=3MiB@max-flat=mysql=100kB@dot@json.md',
    'samples/workload/leak.pb.gz',
    ['--markdown', '--nodecount=8', '--max-total', '4MiB', '--max-flat', 'main\\.query=3MiB', '--max-flat', 'mysql=100kB', '--dot', '--json', '--out-dir', 'out', '--no-exit-code'],
  ],
  ['leak.pb.gz@markdown@sample_index=alloc_objects@lines@nodecount=5.md', 'samples/workload/leak.pb.gz', ['--markdown', '--sample_index=alloc_objects', '--lines', '--nodecount=5']],
  ['node-leak.pb.gz@markdown@cum@nodecount=10.md', 'samples/workload/node/leak.pb.gz', ['--markdown', '--cum', '--nodecount=10']],
];

describe('--markdown: exact output (goldens in test/goldens/ours)', () => {
  for (const [golden, sample, args] of CASES) {
    it(golden, () => {
      const r = inTmp(sample, args);
      expect(r.code, r.stderr).toBe(0);
      expectGolden(golden, r.stdout);
    });
  }
});

describe('--markdown destinations', () => {
  it('appends to $GITHUB_STEP_SUMMARY, keeping what earlier steps wrote; nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-md-'));
    const summary = join(dir, 'step_summary.md');
    writeFileSync(summary, '# Earlier step\n\n');
    const r = inTmp('samples/recursion.pb.gz', ['--markdown'], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`appended the summary to ${summary}\n`);
    const golden = readFileSync(join(ROOT, 'test/goldens/ours/recursion.pb.gz@markdown.md'), 'utf8');
    expect(readFileSync(summary, 'utf8')).toBe(`# Earlier step\n\n${golden}`);
  });
  it('--markdown=- prints on stdout even in GitHub Actions; --markdown=FILE writes the file', () => {
    const r = inTmp('samples/recursion.pb.gz', ['--markdown=-'], { GITHUB_STEP_SUMMARY: '/nonexistent/summary' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### Heap profile `recursion.pb.gz`/);
    const w = inTmp('samples/recursion.pb.gz', ['--markdown=sub/summary.md', '--quiet']);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe('');
    expect(readFileSync(join(w.dir, 'sub/summary.md'), 'utf8')).toBe(r.stdout);
  });
  it('a path after --markdown is the profile, never the output file', () => {
    const r = inTmp('samples/recursion.pb.gz', []);
    const m = runCli(['--markdown', 'recursion.pb.gz'], { cwd: r.dir, env: { GITHUB_STEP_SUMMARY: '' } });
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/^### Heap profile `recursion.pb.gz`/);
    expect(readFileSync(join(r.dir, 'recursion.pb.gz')).equals(readFileSync(join(ROOT, 'samples/recursion.pb.gz')))).toBe(true);
  });
  it('links the run\'s artifacts page on GitHub Actions', () => {
    const r = inTmp('samples/recursion.pb.gz', ['--markdown=-', '--dot'], {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: '42',
    });
    expect(r.stdout).toContain("- **Report files:** DOT `recursion.gv` — uploaded with [this run's artifacts](https://github.com/acme/shop/actions/runs/42)\n");
  });
  it('two outputs on stdout are a usage error', () => {
    const r = inTmp('samples/recursion.pb.gz', ['--markdown', '--text']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gen-report: --text and --markdown would all print on stdout: send all but one to a file (--markdown=FILE, --json=FILE, --out-dir)\n');
  });
});

describe('Markdown escaping', () => {
  it('code spans survive backticks, pipes, HTML-like names and newlines', () => {
    expect(codeSpan('main.(*T).String')).toBe('`main.(*T).String`');
    expect(codeSpan('<autogenerated>')).toBe('`<autogenerated>`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('a\nb')).toBe('`a b`');
    expect(cell(codeSpan('f|g'))).toBe('`f\\|g`');
    // GFM ends a cell at a pipe after an even number of backslashes: a name's own `\|` must not.
    const cells = (row: string) => row.split(/(?<!\\)(?:\\\\)*\|/).length;
    for (const name of ['p\\|q', 'a\\\\|b', 'c\\\\\\|d|e', '\\|', 'x|y']) {
      expect(cells(`| ${cell(codeSpan(name))} | z |`), name).toBe(cells('| a | z |'));
    }
    expect(cell(codeSpan('p\\|q'))).toBe('`p\\\\\\|q`');
    expect(codeSpan('x'.repeat(500))).toHaveLength(200 + 2);
    expect(mdText('inuse_space <b>|*')).toBe('inuse\\_space \\<b\\>\\|\\*');
  });
});

describe('report files', () => {
  it('lists the HTML report first, then the other files in format order', () => {
    const p = parseProfile(readFileSync(join(ROOT, 'samples/recursion.pb.gz')), 'recursion.pb.gz', { maxInflate: DEFAULTS.maxInflate });
    const artifacts = [
      { format: 'dot', path: 'r/recursion.gv' },
      { format: 'png', path: 'r/recursion.png' },
      { format: 'html', path: 'r/recursion.html' },
    ];
    const doc = buildReportDoc(computeInputs(reportSource(p, { ...DEFAULTS.report }, 'recursion'), ['table', 'leaks']), { version: 't', verdicts: [], artifacts });
    expect(renderMarkdown(doc, { rows: 1 })).toContain('- **Report files:** HTML `r/recursion.html` · DOT `r/recursion.gv` · PNG `r/recursion.png`\n');
  });
});

describe('the 64 KiB cap', () => {
  it('cuts table rows, says so, and stays under the cap with huge names', () => {
    const p = parseProfile(readFileSync(join(ROOT, 'samples/workload/leak.pb.gz')), 'leak.pb.gz', { maxInflate: DEFAULTS.maxInflate });
    const doc = buildReportDoc(computeInputs(reportSource(p, { ...DEFAULTS.report }, 'leak'), ['table', 'leaks']), { version: 'test', verdicts: [], artifacts: [] });
    const node = doc.table.nodes[0]!;
    doc.table.nodes = Array.from({ length: 3000 }, (_, i) => ({ ...node, id: `N${i + 1}`, name: `pkg${i}.${'Long|`name<x>'.repeat(40)}` }));
    const md = renderMarkdown(doc, { rows: 3000 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MARKDOWN_CAP);
    expect(md).toMatch(/_\d+ more rows, cut to keep this summary under 64 KiB: /);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && l.includes('`pkg'));
    expect(rows.length).toBeGreaterThan(50);
    // Every row has exactly 6 cells: pipes inside names are escaped.
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|').length - 2).toBe(6);
    // Without the need, nothing is cut.
    expect(renderMarkdown(doc, { rows: 10 })).toMatch(/_2990 more rows: the full table/);
  });
});
