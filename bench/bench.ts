import '../src/io/node-platform.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Profile as PbProfile } from 'pprof-format';
import { inflateChecked } from '../src/io/gunzip.js';
import { inflateProfile } from '../src/io/inflate-profile.js';
import { decodeProtoFast } from '../src/ingest/proto-fast.js';
import { makeInputs } from './make-inputs.js';
import { BOMB_FOCUS, BOMB_PATTERN, bombName, bombProfile } from './regexp-bombs.js';

/**
 * `npm run bench`: times whole gen-report runs (median of several, peak RSS) on the seed's
 * workload profile and two generated profiles, next to `go tool pprof` when Go is installed, and the
 * floor (read + gunzip + decode). Prints a table; asserts nothing.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist/bin/cli.js');
const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const formats = (process.env['BENCH_FORMATS'] ?? 'text,dot,png,html').split(',');
/** `profiles` (the table of whole runs) and `regexp` (the regexp bombs); BENCH_SECTIONS=regexp runs only those. */
const sections = (process.env['BENCH_SECTIONS'] ?? 'profiles,regexp').split(',');
const hasGo = spawnSync('go', ['version']).status === 0;
const hasTime = existsSync('/usr/bin/time');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * One timed run. Peak memory comes from /usr/bin/time when there is one, for gen-report too: a
 * process forked straight from this one (which holds the decoded inputs) starts with this one's
 * resident size as its peak, and Linux keeps that peak across exec — it would report this
 * process's memory, not its own. Without /usr/bin/time, gen-report reports its own (same caveat).
 */
function timeRun(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; rssKb: number; ok: boolean } {
  const wrap = hasTime;
  const t0 = process.hrtime.bigint();
  const r = wrap
    ? spawnSync('/usr/bin/time', ['-f', 'gen-report-rusage {"maxRssKb":%M}', cmd, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { env: { ...process.env, GEN_REPORT_RUSAGE: '1', ...env }, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /gen-report-rusage (\{.*\})/.exec(r.stderr.toString());
  return { ms, rssKb: m ? (JSON.parse(m[1]!) as { maxRssKb: number }).maxRssKb : NaN, ok: r.status === 0 };
}

function bench(cmd: string, args: string[]): { ms: number; rssKb: number; ok: boolean } {
  const rs = Array.from({ length: runs }, () => timeRun(cmd, args));
  return { ms: median(rs.map((r) => r.ms)), rssKb: Math.max(...rs.map((r) => r.rssKb)), ok: rs.every((r) => r.ok) };
}

/** In-process floor timings: cheap, so more runs than the whole-CLI timings, for a steadier median. */
function floor(path: string): { read: number; gunzip: number; decode: number; pprofFormat: number } {
  const t = (f: () => unknown) => {
    const xs = Array.from({ length: Math.max(runs, 7) }, () => {
      const t0 = performance.now();
      f();
      return performance.now() - t0;
    });
    return median(xs);
  };
  const read = t(() => readFileSync(path));
  const gunzip = t(() => gunzipSync(readFileSync(path)));
  const decode = t(() => decodeProtoFast(gunzipSync(readFileSync(path))));
  const pprofFormat = t(() => PbProfile.decode(gunzipSync(readFileSync(path))));
  return { read, gunzip, decode, pprofFormat };
}

/**
 * The floor as the CLI gets there: inflated in 1 MiB chunks on libuv's thread pool, each handed
 * on as it comes (to nothing, or to the protobuf decoder, which then decodes while zlib inflates).
 */
async function streamedFloor(path: string): Promise<{ gunzip: number; decode: number }> {
  const t = async (f: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let r = 0; r < Math.max(runs, 7); r++) {
      const t0 = performance.now();
      await f();
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  const cap = 2 ** 31;
  const gunzip = await t(() => inflateChecked(readFileSync(path), cap, 2 ** 30, () => ({ push: () => {} })));
  const decode = await t(async () => (await inflateProfile(readFileSync(path), cap)).decoder?.end());
  return { gunzip, decode };
}

const out = mkdtempSync(join(tmpdir(), 'gen-report-bench-'));
const inputs = !sections.includes('profiles')
  ? []
  : [{ name: 'seed (workload leak)', path: join(ROOT, 'samples/workload/leak.pb.gz'), samples: 0, bytes: 0 }, ...makeInputs(join(ROOT, 'bench/.data'))];
for (const i of inputs) {
  i.bytes = statSync(i.path).size;
  i.samples = decodeProtoFast(gunzipSync(readFileSync(i.path))).samples.count;
}

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
console.log(`gen-report bench: ${runs} runs each, median wall time; Node ${process.version}; go tool pprof ${hasGo ? 'present' : 'absent'}`);
if (inputs.length > 0) {
  console.log('');
  console.log('| input | samples | gz size | what | wall ms | µs/sample | peak RSS MB | pprof ms | pprof RSS MB | pprof ÷ ours |');
  console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
}
for (const i of inputs) {
  const f = floor(i.path);
  const row = (what: string, ms: number, rss: number, pms = NaN, prss = NaN) =>
    console.log(
      `| ${i.name} | ${i.samples} | ${fmt(i.bytes / 1024)} kB | ${what} | ${fmt(ms)} | ${fmt((ms * 1000) / i.samples, 2)} | ${fmt(rss / 1024, 1)} | ${fmt(pms)} | ${fmt(prss / 1024, 1)} | ${Number.isFinite(pms) ? `${fmt(pms / ms, 1)}×` : '—'} |`,
    );
  row('floor: read', f.read, NaN);
  row('floor: read+gunzip', f.gunzip, NaN);
  row(`floor: read+gunzip+decode (${fmt(f.decode / f.gunzip, 2)}× read+gunzip)`, f.decode, NaN);
  const sf = await streamedFloor(i.path);
  row('floor, streamed as the CLI does: read+gunzip', sf.gunzip, NaN);
  row(`floor, streamed as the CLI does: read+gunzip+decode (${fmt(sf.decode / sf.gunzip, 2)}× read+gunzip)`, sf.decode, NaN);
  row('(pprof-format decode, reference)', f.pprofFormat, NaN);
  for (const format of formats) {
    const ours = bench(process.execPath, [CLI, i.path, `--${format}`, '--quiet', '--out-dir', out, ...(format === 'text' ? [] : [])]);
    let p = { ms: NaN, rssKb: NaN, ok: false };
    if (hasGo && (format === 'text' || format === 'dot')) p = bench('go', ['tool', 'pprof', `-${format}`, i.path]);
    row(`--${format}${ours.ok ? '' : ' (FAILED)'}`, ours.ms, ours.rssKb, p.ms, p.rssKb);
  }
}

// Regexp bombs (issue 26): each must take about as long as any tiny profile (JavaScript's
// backtracking RegExp took seconds to forever here).
if (sections.includes('regexp')) regexpBombs();

function regexpBombs(): void {
  const dropBomb = join(out, 'drop-frames-bomb.pb');
  writeFileSync(dropBomb, bombProfile(bombName(28), BOMB_PATTERN));
  const focusBomb = join(out, 'focus-bomb.pb');
  writeFileSync(focusBomb, bombProfile(bombName(28)));
  console.log('');
  console.log('| regexp bomb | input bytes | wall ms | peak RSS MB |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [what, path, extra] of [
    [`drop_frames ${BOMB_PATTERN}, --text`, dropBomb, []],
    [`--text --focus '${BOMB_FOCUS}' on a 29-character name`, focusBomb, [`--focus=${BOMB_FOCUS}`]],
  ] as const) {
    const r = bench(process.execPath, [CLI, path, '--text', '--quiet', ...extra]);
    console.log(`| ${what}${r.ok ? '' : ' (FAILED)'} | ${statSync(path).size} | ${fmt(r.ms)} | ${fmt(r.rssKb / 1024, 1)} |`);
  }
}
