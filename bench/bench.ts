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
import { benchCache, benchSizes, makeInputs } from './make-inputs.js';
import { pageBench } from './page-bench.js';
import { BOMB_FOCUS, BOMB_PATTERN, bombName, bombProfile } from './regexp-bombs.js';

/**
 * `npm run bench`: times whole gen-report runs (median of several, peak RSS) on the seed's
 * workload profile and generated profiles of 34k, 270k and 1M samples (4M with BENCH_HUGE=1; see
 * make-inputs.ts, kept in BENCH_CACHE), next to `go tool pprof` when Go is installed, and the floor
 * (read + gunzip + decode). Prints a table, then a summary per input: each format's CPU time
 * as a ratio to --text's (and go tool pprof's), and its CPU µs per sample net of its fixed cost
 * (its CPU time on a 2,000-sample profile). Asserts nothing.
 *   BENCH_RUNS (3), BENCH_FORMATS (text,dot,png,html); BENCH_PPROF_BIG=1: `go tool pprof` on the
 *   1M and 4M profiles too (one run each: ~30 s and 2 GB at 1M, minutes and ~10 GB at 4M);
 *   BENCH_NODE_ARGS: Node flags for gen-report's runs (e.g. --max-old-space-size=4096);
 *   BENCH_SIZES: the inputs to run, by name (seed,medium,large,1M,4M; default all).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist/bin/cli.js');
const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const formats = (process.env['BENCH_FORMATS'] ?? 'text,dot,png,html').split(',');
/**
 * `profiles` (the table of whole runs), `regexp` (the regexp bombs) and `page` (the HTML page's
 * size and, in Chromium, open and refine times: page-bench.ts); BENCH_SECTIONS=regexp runs only those.
 */
const sections = (process.env['BENCH_SECTIONS'] ?? 'profiles,regexp,page').split(',');
const hasGo = spawnSync('go', ['version']).status === 0;
const hasTime = existsSync('/usr/bin/time');
const pprofBig = process.env['BENCH_PPROF_BIG'] === '1';
const nodeArgs = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
/** Inputs from this many samples on are big: fewer floor runs, no pprof-format decode, pprof only with BENCH_PPROF_BIG. */
const BIG = 1_000_000;

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
function timeRun(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Timing {
  const wrap = hasTime;
  const t0 = process.hrtime.bigint();
  const r = wrap
    ? spawnSync('/usr/bin/time', ['-f', 'gen-report-rusage {"maxRssKb":%M,"user":%U,"sys":%S}', cmd, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { env: { ...process.env, GEN_REPORT_RUSAGE: '1', ...env }, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /gen-report-rusage (\{.*\})/.exec(r.stderr.toString());
  const u = m ? (JSON.parse(m[1]!) as { maxRssKb: number; user?: number; sys?: number }) : null;
  const cpuMs = u?.user !== undefined && u.sys !== undefined ? (u.user + u.sys) * 1000 : NaN;
  return { ms, cpuMs, rssKb: u ? u.maxRssKb : NaN, ok: r.status === 0 };
}

/** Wall and CPU time (user + system, all threads: on a shared machine the steadier measure of work). */
interface Timing {
  ms: number;
  cpuMs: number;
  rssKb: number;
  ok: boolean;
}

function bench(cmd: string, args: string[], n = runs): Timing {
  const rs = Array.from({ length: n }, () => timeRun(cmd, args));
  return { ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs)), rssKb: Math.max(...rs.map((r) => r.rssKb)), ok: rs.every((r) => r.ok) };
}

/** In-process floor timings: cheap, so more runs than the whole-CLI timings, for a steadier median. */
function floor(path: string, big: boolean): { read: number; gunzip: number; decode: number; pprofFormat: number } {
  const t = (f: () => unknown) => {
    const xs = Array.from({ length: big ? runs : Math.max(runs, 7) }, () => {
      const t0 = performance.now();
      f();
      return performance.now() - t0;
    });
    return median(xs);
  };
  const read = t(() => readFileSync(path));
  const gunzip = t(() => gunzipSync(readFileSync(path)));
  const decode = t(() => decodeProtoFast(gunzipSync(readFileSync(path))));
  // pprof-format's objects for millions of samples take gigabytes: only for the smaller inputs.
  const pprofFormat = big ? NaN : t(() => PbProfile.decode(gunzipSync(readFileSync(path))));
  return { read, gunzip, decode, pprofFormat };
}

/**
 * The floor as the CLI gets there: inflated in 1 MiB chunks on libuv's thread pool, each handed
 * on as it comes (to nothing, or to the protobuf decoder, which then decodes while zlib inflates).
 */
async function streamedFloor(path: string, big: boolean): Promise<{ gunzip: number; decode: number }> {
  const t = async (f: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let r = 0; r < (big ? runs : Math.max(runs, 7)); r++) {
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
const seed = join(ROOT, 'samples/workload/leak.pb.gz');
const only = process.env['BENCH_SIZES']?.split(',');
const inputs = !sections.includes('profiles')
  ? []
  : [
      { name: 'seed (workload leak)', path: seed, samples: decodeProtoFast(gunzipSync(readFileSync(seed))).samples.count, bytes: statSync(seed).size },
      ...(await makeInputs(benchCache())),
    ].filter((i) => !only || only.includes(i.name.split(' ')[0]!));

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
console.log(`gen-report bench: ${runs} runs each, median wall time; Node ${process.version}; go tool pprof ${hasGo ? 'present' : 'absent'}`);
if (inputs.length > 0) {
  console.log('');
  console.log('| input | samples | gz size | what | wall ms | µs/sample | ÷ --text | CPU ms | CPU µs/sample | CPU ÷ --text | peak RSS MB | pprof ms | pprof CPU ms | pprof RSS MB | pprof ÷ ours (wall, CPU) |');
  console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
}
/**
 * What each format costs with (almost) no samples: its CPU time on the 2,000-sample profile of the
 * same generator (samples/generated). Node's start, the bundle, and for pictures and HTML the
 * layout worker, Graphviz's WASM, the layouts and the page: the summary's per-sample cost is net of
 * it (the cost that grows with the samples).
 */
const tiny = join(ROOT, 'samples/generated/heap-2000.pb.gz');
const fixedCpu = new Map<string, number>();
if (inputs.length > 0) for (const format of formats) fixedCpu.set(format, bench(process.execPath, [...nodeArgs, CLI, tiny, `--${format}`, '--quiet', '--out-dir', out]).cpuMs);
/** Per input: CPU ms and wall ms per format (and `pprof` for `go tool pprof -text`), for the summary. */
const summary: { name: string; samples: number; cpu: Map<string, number>; wall: Map<string, number> }[] = [];

for (const i of inputs) {
  const big = i.samples >= BIG;
  const cpuOf = new Map<string, number>();
  const wallOf = new Map<string, number>();
  summary.push({ name: i.name, samples: i.samples, cpu: cpuOf, wall: wallOf });
  const f = floor(i.path, big);
  let text: Timing | null = null;
  const ratio = (x: number, y: number | undefined) => (y !== undefined && Number.isFinite(x) && Number.isFinite(y) ? `${fmt(x / y, 2)}×` : '—');
  const row = (what: string, t: Partial<Timing> & { ms: number }, p: Partial<Timing> = {}) => {
    const cpu = t.cpuMs ?? NaN;
    const pms = p.ms ?? NaN;
    console.log(
      `| ${i.name} | ${i.samples} | ${fmt(i.bytes / 1024)} kB | ${what} | ${fmt(t.ms)} | ${fmt((t.ms * 1000) / i.samples, 2)} | ${ratio(t.ms, text?.ms)} | ${fmt(cpu)} | ${fmt((cpu * 1000) / i.samples, 2)} | ${ratio(cpu, text?.cpuMs)} | ${fmt((t.rssKb ?? NaN) / 1024, 1)} | ${fmt(pms)} | ${fmt(p.cpuMs ?? NaN)} | ${fmt((p.rssKb ?? NaN) / 1024, 1)} | ${Number.isFinite(pms) ? `${fmt(pms / t.ms, 1)}×, ${fmt((p.cpuMs ?? NaN) / cpu, 1)}×` : '—'} |`,
    );
  };
  row('floor: read', { ms: f.read });
  row('floor: read+gunzip', { ms: f.gunzip });
  row(`floor: read+gunzip+decode (${fmt(f.decode / f.gunzip, 2)}× read+gunzip)`, { ms: f.decode });
  const sf = await streamedFloor(i.path, big);
  row('floor, streamed as the CLI does: read+gunzip', { ms: sf.gunzip });
  row(`floor, streamed as the CLI does: read+gunzip+decode (${fmt(sf.decode / sf.gunzip, 2)}× read+gunzip)`, { ms: sf.decode });
  row('(pprof-format decode, reference)', { ms: f.pprofFormat });
  for (const format of formats) {
    const ours = bench(process.execPath, [...nodeArgs, CLI, i.path, `--${format}`, '--quiet', '--out-dir', out]);
    let p: Timing = { ms: NaN, cpuMs: NaN, rssKb: NaN, ok: false };
    if (hasGo && (format === 'text' || format === 'dot') && (!big || pprofBig)) p = bench('go', ['tool', 'pprof', `-${format}`, i.path], big ? 1 : runs);
    row(`--${format}${ours.ok ? '' : ' (FAILED)'}`, ours, p);
    if (format === 'text') text = ours;
    cpuOf.set(format, ours.ok ? ours.cpuMs : NaN);
    wallOf.set(format, ours.ok ? ours.ms : NaN);
    if (format === 'text' && Number.isFinite(p.cpuMs)) cpuOf.set('pprof', p.cpuMs);
    if (format === 'text' && Number.isFinite(p.ms)) wallOf.set('pprof', p.ms);
  }
}
if (summary.length > 0) printSummary();

/**
 * The issue's figures per input, from the runs above: each format's CPU time as a ratio to
 * `--text` (and `go tool pprof -text`'s), the same of wall times (what a user waits: the HTML
 * report's layouts, flame graph and embedded profile run on other threads), and its CPU µs per
 * sample net of the format's fixed cost (its CPU on the 2,000-sample profile), which is what must
 * stay flat as profiles grow.
 */
function printSummary(): void {
  const shown = formats.filter((f) => f !== 'text');
  console.log('');
  console.log(`Fixed cost (CPU ms on the 2,000-sample generated profile): ${formats.map((f) => `--${f} ${fmt(fixedCpu.get(f) ?? NaN)}`).join(', ')}`);
  console.log('');
  console.log(
    `| input | samples | --text CPU ms | ${shown.map((f) => `--${f} ÷ --text`).join(' | ')} | go tool pprof -text ÷ --text | --text wall ms | ${shown.map((f) => `--${f} ÷ --text, wall`).join(' | ')} | pprof ÷ --text, wall | ${formats.map((f) => `--${f} net µs/sample`).join(' | ')} |`,
  );
  console.log(`| --- | ---: | ---: | ${shown.map(() => '---:').join(' | ')} | ---: | ---: | ${shown.map(() => '---:').join(' | ')} | ---: | ${formats.map(() => '---:').join(' | ')} |`);
  const nets = new Map<string, number[]>();
  for (const r of summary) {
    const text = r.cpu.get('text') ?? NaN;
    const ratio = (x: number | undefined) => (x !== undefined && Number.isFinite(x) && Number.isFinite(text) ? `${fmt(x / text, 2)}×` : '—');
    const textWall = r.wall.get('text') ?? NaN;
    const wallRatio = (x: number | undefined) => (x !== undefined && Number.isFinite(x) && Number.isFinite(textWall) ? `${fmt(x / textWall, 2)}×` : '—');
    const net = formats.map((f) => {
      const fixed = fixedCpu.get(f) ?? NaN;
      const grown = (r.cpu.get(f) ?? NaN) - fixed;
      const v = (grown * 1000) / r.samples;
      // Only where the samples' part is well above the fixed cost: below that (pictures at 34k),
      // the net figure is the difference of two nearly equal times, i.e. their noise.
      if (!(grown > fixed / 4)) return Number.isFinite(v) ? `(${fmt(v, 2)})` : '—';
      nets.set(f, [...(nets.get(f) ?? []), v]);
      return fmt(v, 2);
    });
    const walls = `${fmt(textWall)} | ${shown.map((f) => wallRatio(r.wall.get(f))).join(' | ')} | ${wallRatio(r.wall.get('pprof'))}`;
    console.log(`| ${r.name} | ${r.samples} | ${fmt(text)} | ${shown.map((f) => ratio(r.cpu.get(f))).join(' | ')} | ${ratio(r.cpu.get('pprof'))} | ${walls} | ${net.join(' | ')} |`);
  }
  console.log('');
  for (const f of formats) {
    const xs = nets.get(f) ?? [];
    if (xs.length < 2) continue;
    const mid = (Math.max(...xs) + Math.min(...xs)) / 2;
    console.log(`--${f}: net CPU µs/sample where the samples' part exceeds a quarter of the fixed cost: ${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)} (±${fmt((100 * (Math.max(...xs) - mid)) / mid)}% around ${fmt(mid, 2)})`);
  }
  console.log('(in parentheses: a net figure within the noise of the fixed cost, left out of the spread)');
}

// Regexp bombs (issue 26): each must take about as long as any tiny profile (JavaScript's
// backtracking RegExp took seconds to forever here).
if (sections.includes('regexp')) regexpBombs();

if (sections.includes('page')) {
  const [large] = await makeInputs(benchCache(), benchSizes().filter((s) => s.name === 'large'));
  await pageBench({ root: ROOT, cli: CLI, large: large!.path, runs });
}

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
