// End-to-end checks on a FRESH run of the bundled workload (workload/run.mjs).
// Skipped unless the run's output folder is named in the environment:
//
//   GEN_REPORT_WORKLOAD_DIR=DIR       npm run workload -- --seconds 10 --snapshot-every 1 --out DIR
//   GEN_REPORT_NODE_WORKLOAD_DIR=DIR  npm run workload -- --lang node --seconds 10 --snapshot-every 1 --out DIR
//
// The CLI contract: `node dist/bin/cli.js <profile> --text` prints exactly what
// `go tool pprof -text` prints: header lines, then
// `      flat  flat%   sum%        cum   cum%`, then one row per node whose last
// column is the function name.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repoRoot, 'dist', 'src', 'cli.js');
const goDir = process.env.GEN_REPORT_WORKLOAD_DIR;
const nodeDir = process.env.GEN_REPORT_NODE_WORKLOAD_DIR;

interface Row {
  flat: string;
  cum: string;
  name: string;
}
interface TextReport {
  lines: string[];
  rows: Row[];
  totalBytes: number | null;
}

const UNITS: Record<string, number> = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4, PB: 1024 ** 5 };

function bytesOf(v: string): number {
  const m = /^(-?[0-9.]+(?:e[+-]?\d+)?)([A-Za-z]*)$/.exec(v);
  if (!m) throw new Error(`not a pprof byte value: ${v}`);
  const unit = m[2] === '' ? 'B' : m[2];
  const scale = UNITS[unit];
  if (scale === undefined) throw new Error(`unknown unit in ${v}`);
  return Number(m[1]) * scale;
}

function runText(profile: string, ...extra: string[]): TextReport {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  const out = execFileSync(process.execPath, [cli, profile, '--text', ...extra], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 120_000,
  });
  const lines = out.split('\n');
  const head = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%\s*$/.test(l));
  if (head < 0) throw new Error(`no "flat flat% sum% cum cum%" header in:\n${out.slice(0, 2000)}`);
  const rows: Row[] = [];
  for (const l of lines.slice(head + 1)) {
    const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(l);
    if (!m) continue;
    rows.push({ flat: m[1]!, cum: m[4]!, name: m[6]!.replace(/ \(inline\)$/, '') });
  }
  const total = /Showing nodes accounting for \S+, \S+ of (\S+) total/.exec(out);
  return { lines, rows, totalBytes: total ? bytesOf(total[1]!) : null };
}

function toNum(v: unknown): number {
  if (typeof v === 'bigint') return Number(BigInt.asIntN(64, v));
  return Number(v ?? 0);
}

/** Sum of the inuse_space values of a (gzipped) protobuf profile (Node's may say "space"). */
function inuseSpace(file: string): number {
  let buf: Uint8Array = fs.readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  const p = Profile.decode(buf);
  const strings = p.stringTable.strings;
  const types = p.sampleType.map((t) => strings[toNum(t.type)]);
  let idx = types.indexOf('inuse_space');
  if (idx < 0) idx = types.indexOf('space');
  if (idx < 0) throw new Error(`${file}: no inuse_space sample type`);
  let sum = 0;
  for (const s of p.sample) sum += toNum(s.value[idx]);
  return sum;
}

function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** The profile the program wrote on SIGINT (not a numbered snapshot). */
function finalProfile(dir: string, prog: RegExp): string {
  const f = listDir(dir).filter((n) => prog.test(n) && /_\d{4}(_\d\d){5}\.pb\.gz$/.test(n));
  if (f.length !== 1) throw new Error(`expected one final heap_*.pb.gz in ${dir}, found: ${f.join(', ') || 'none'}`);
  return path.join(dir, f[0]!);
}

function snapshots(dir: string, prog: RegExp): string[] {
  return listDir(dir)
    .filter((n) => prog.test(n) && /_snap\d+\.pb\.gz$/.test(n))
    .map((n) => path.join(dir, n));
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * A leak grows across the series, but a busy machine slows the workload and
 * GC timing adds noise of a few hundred kB per snapshot, so single steps may
 * dip: require overall growth, a higher second half, and mostly rising steps.
 */
function expectGrowing(totals: number[]): void {
  expect(totals.length).toBeGreaterThanOrEqual(5);
  expect(totals[totals.length - 1]!).toBeGreaterThan(totals[0]!);
  const half = Math.floor(totals.length / 2);
  expect(mean(totals.slice(totals.length - half))).toBeGreaterThan(mean(totals.slice(0, half)) * 1.1);
  let up = 0;
  for (let i = 1; i < totals.length; i++) if (totals[i]! > totals[i - 1]!) up++;
  expect(up).toBeGreaterThanOrEqual(Math.ceil((totals.length - 1) / 2));
}

describe.skipIf(!goDir)('Go workload (GEN_REPORT_WORKLOAD_DIR)', () => {
  const dir = goDir ?? '';
  const prog = /^heap_userleak_\d+_/;

  it('main.query is the top inuse_space flat entry of the fresh protobuf profile', () => {
    const report = runText(finalProfile(dir, prog));
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.rows[0]!.name).toBe('main.query');
    // The collector closure that keeps every user shows up too.
    expect(report.rows.map((r) => r.name)).toContain('main.main.func1');
  });

  it('gen-report fetched the live /debug/pprof/heap itself (run with --report-live) and found the leak', () => {
    const out = fs.readFileSync(path.join(dir, 'live-gen-report.txt'), 'utf8');
    expect(out).toMatch(/^Type: inuse_space$/m);
    const head = out.split('\n').findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%\s*$/.test(l));
    expect(head).toBeGreaterThan(0);
    const first = out.split('\n')[head + 1] ?? '';
    expect(first).toMatch(/\smain\.query$/);
  });

  it('gen-report --http served the live endpoint: each reload fetched a newer profile (#21)', () => {
    const times = fs.readFileSync(path.join(dir, 'live-http.txt'), 'utf8').trim().split('\n');
    expect(times).toHaveLength(2);
    for (const t of times) expect(t).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    // Loaded 1.1 s apart: the second page shows a profile taken later than the first's.
    expect(times[1]! > times[0]!).toBe(true);
    for (const n of [1, 2]) {
      const html = fs.readFileSync(path.join(dir, `live-http-${n}.html`), 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(html).toContain('main.query');
    }
  });

  it("the text report's total equals the profile's inuse_space", () => {
    const file = finalProfile(dir, prog);
    const report = runText(file);
    expect(report.totalBytes).not.toBeNull();
    const want = inuseSpace(file);
    // pprof prints 2 decimals in the largest fitting unit: allow 1 %.
    expect(Math.abs(report.totalBytes! - want)).toBeLessThanOrEqual(want * 0.01);
  });

  it('the series of snapshots keeps growing (the leak)', () => {
    const files = snapshots(dir, prog);
    const totals = files.map(inuseSpace);
    expectGrowing(totals);
    // The CLI sees the same growth.
    const first = runText(files[0]!).totalBytes;
    const last = runText(files[files.length - 1]!).totalBytes;
    expect(first).not.toBeNull();
    expect(last!).toBeGreaterThan(first!);
  });

  it('the live fetch (debug=0 and debug=1) is there', () => {
    expect(fs.statSync(path.join(dir, 'live.pb.gz')).size).toBeGreaterThan(100);
    const legacy = fs.readFileSync(path.join(dir, 'live-debug1.prof'), 'utf8');
    expect(legacy.startsWith('heap profile: ')).toBe(true);
    expect(legacy).toContain('main.query');
  });
});

describe.skipIf(!nodeDir)('Node workload (GEN_REPORT_NODE_WORKLOAD_DIR)', () => {
  const dir = nodeDir ?? '';
  const prog = /^heap_userleak-node_\d+_/;
  // The workload's own functions (workload/node/main.mjs).
  const own = /(^|[ .])(queryLoop|collector|connect|saveHeapProfile|snapshotLoop|servePprof|main)( |$)|main\.mjs/;

  it('queryLoop is the heaviest of the workload\'s own functions by cum inuse_space', () => {
    const report = runText(finalProfile(dir, prog), '--cum');
    const mine = report.rows.filter((r) => own.test(r.name));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]!.name).toMatch(/queryLoop/);
  });

  it('the series of snapshots keeps growing (the leak)', () => {
    expectGrowing(snapshots(dir, prog).map(inuseSpace));
  });

  it('the leak-suspect ranking of the series puts an allocation site under queryLoop first', () => {
    const out = execFileSync(process.execPath, [cli, '--leaks', ...snapshots(dir, prog)], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
    const lines = out.split('\n');
    const head = lines.findIndex((l) => /^rank\s+first\s+last/.test(l));
    const first = lines[head + 1] ?? '';
    expect(first).toMatch(/^\s*1\s.*growing steadily\s+\S/);
    const site = first.replace(/^.*growing steadily\s+/, '').trim();
    // The site is the loop itself, or every heavy call path to it passes through the loop.
    const paths = lines.slice(lines.findIndex((l) => l.startsWith(`${site} (`)) + 1).filter((l) => /→/.test(l)).slice(0, 1);
    expect(site === 'queryLoop' || paths.some((l) => /(^|→ )queryLoop( →|$)/.test(l.trim()))).toBe(true);
  });
});
