#!/usr/bin/env node
// Runs the bundled MySQL heap-leak workload against a private, throw-away
// MariaDB and collects the heap profiles it writes.
//
//   npm run workload -- --seconds N [--out DIR] [--fixed] [--rate N]
//                       [--snapshot-every S] [--lang go|node]
//
// Steps: install missing Debian packages (root only), start mariadbd on a
// temporary data directory (loopback, free port, own socket), load
// workload/schema.sql, build the Go program offline (or `npm ci` the Node one),
// run it for N seconds, fetch the live /debug/pprof/heap in both formats, send
// SIGINT so it writes its own profiles, and ALWAYS stop MariaDB and delete its
// data (success, failure, Ctrl-C, SIGTERM).
//
// Plain Node ESM, standard library only.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nextCommands } from './next-command.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const t0 = Date.now();

function log(msg) {
  console.log(`[workload ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
}
class Fail extends Error {}
function fail(msg) {
  throw new Fail(msg);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- arguments

const usage = `usage: npm run workload -- [options]
  --seconds N          run the workload N seconds (default 10)
  --out DIR            where the profiles go (default workload/out/run-<lang>-<timestamp>)
  --fixed              run the fixed variant (no leak)
  --rate N             Go: runtime.MemProfileRate (default 1; Go's own default is 524288)
                       Node: heap sampling interval in bytes (default 1024)
  --snapshot-every S   also write a numbered heap snapshot every S seconds
  --lang go|node       which workload (default go)
  --no-live            skip the live /debug/pprof/heap fetch (keeps a snapshot series free of
                       the HTTP handler's own buffers)
  --report-live        also run this checkout's gen-report (dist/bin/cli.js, build it first) on
                       the live /debug/pprof/heap URL: its --text goes to live-gen-report.txt; for Go, also
                       gen-report URL --http: the page loaded twice, a second apart (live-http*.*)
  --help`;

let opts;
try {
  opts = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      out: { type: 'string' },
      fixed: { type: 'boolean', default: false },
      rate: { type: 'string' },
      'snapshot-every': { type: 'string', default: '0' },
      lang: { type: 'string', default: 'go' },
      'no-live': { type: 'boolean', default: false },
      'report-live': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}
if (opts.help) {
  console.log(usage);
  process.exit(0);
}
const seconds = Number(opts.seconds);
const snapshotEvery = Number(opts['snapshot-every']);
const lang = opts.lang;
if (!(seconds > 0) || !(snapshotEvery >= 0) || !Number.isInteger(snapshotEvery) || !['go', 'node'].includes(lang)) {
  console.error(`bad arguments\n${usage}`);
  process.exit(2);
}
const rate = opts.rate ?? (lang === 'go' ? '1' : '1024');
if (!/^[1-9][0-9]*$/.test(rate)) {
  console.error(`--rate must be a positive integer\n${usage}`);
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
const outDir = path.resolve(opts.out ?? path.join(here, 'out', `run-${lang}-${stamp}`));

// ---------------------------------------------------------------- state and clean-up

const state = { tmp: null, mariadb: null, prog: null };
let cleaning = null;

function alive(child) {
  return child && child.exitCode === null && child.signalCode === null;
}
function exited(child) {
  return new Promise((resolve) => {
    if (!alive(child)) return resolve();
    child.once('exit', () => resolve());
  });
}
async function stop(child, name, signal, graceMs) {
  if (!alive(child)) return;
  try {
    child.kill(signal);
  } catch {}
  const done = await Promise.race([exited(child).then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    log(`${name} did not stop within ${graceMs / 1000}s after ${signal}; sending SIGKILL`);
    try {
      child.kill('SIGKILL');
    } catch {}
    await exited(child);
  }
}

// Idempotent: stops the workload and MariaDB, removes the temporary directory.
function cleanup() {
  cleaning ??= (async () => {
    // SIGINT first: the workload then still writes its heap profile.
    if (alive(state.prog)) log(`stopping the workload (pid ${state.prog.pid})`);
    await stop(state.prog, 'workload', 'SIGINT', 15000);
    if (alive(state.mariadb)) {
      log(`stopping MariaDB (pid ${state.mariadb.pid})`);
      await stop(state.mariadb, 'mariadbd', 'SIGTERM', 30000);
    }
    if (state.tmp) {
      fs.rmSync(state.tmp, { recursive: true, force: true });
      log(`removed ${state.tmp}`);
      state.tmp = null;
    }
  })();
  return cleaning;
}
// Last resort if the process exits some other way: synchronous kill + remove.
process.on('exit', () => {
  for (const c of [state.prog, state.mariadb]) if (alive(c)) try { c.kill('SIGKILL'); } catch {}
  if (state.tmp) try { fs.rmSync(state.tmp, { recursive: true, force: true }); } catch {}
});
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => {
    log(`got ${sig}: cleaning up`);
    cleanup().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------- helpers

function which(cmd) {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin', '/bin']);
  for (const d of dirs) {
    if (!d) continue;
    const p = path.join(d, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {}
  }
  return null;
}

function run(cmd, args, { input, env, cwd, what } = {}) {
  const r = spawnSync(cmd, args, { input, env, cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error) fail(`${what ?? cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    fail(`${what ?? cmd} failed (exit ${r.status ?? r.signal}):\n${out}`);
  }
  return r.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tail(file, n = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

// Streams a child's stderr as indented lines.
function echoLines(stream, prefix, sink) {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      sink.push(line);
      console.log(`    ${prefix} ${line}`);
    }
  });
}

// ---------------------------------------------------------------- steps

const goDriver = '/usr/share/gocode/src/github.com/go-sql-driver/mysql/driver.go';

function checkPackages() {
  const need = new Set();
  for (const c of ['mariadbd', 'mariadb-install-db', 'mariadb']) if (!which(c)) need.add('mariadb-server');
  if (lang === 'go') {
    if (!which('go')) need.add('golang-go');
    if (!fs.existsSync(goDriver)) need.add('golang-github-go-sql-driver-mysql-dev');
  }
  if (lang === 'node' && !which('npm')) fail('npm is not on PATH');
  if (need.size === 0) {
    log('tools present: mariadbd, mariadb-install-db, mariadb' + (lang === 'go' ? ', go, Debian go-sql-driver/mysql' : ''));
    return;
  }
  // Install the whole set for this language, as documented (apt-get skips what is there).
  const pkgs = lang === 'go' ? ['mariadb-server', 'golang-go', 'golang-github-go-sql-driver-mysql-dev'] : ['mariadb-server'];
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`missing: ${[...need].join(', ')}\nnot root, so not installing; run as root:\n  ${cmd}`);
    process.exit(3);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing Debian packages (missing ${[...need].join(', ')}): apt-get update`);
  run('apt-get', ['update'], { env, what: 'apt-get update' });
  log(`apt-get install -y --no-install-recommends ${pkgs.join(' ')}`);
  // Keep the package's own service from starting (a system mariadbd on port
  // 3306 is not wanted): Debian's policy-rc.d hook, only if none is in place.
  const policy = '/usr/sbin/policy-rc.d';
  const addPolicy = !fs.existsSync(policy);
  if (addPolicy) fs.writeFileSync(policy, '#!/bin/sh\n# gen-report workload: no service starts during apt-get install\nexit 101\n', { mode: 0o755 });
  try {
    run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { env, what: 'apt-get install' });
  } finally {
    if (addPolicy) fs.rmSync(policy, { force: true });
  }
  for (const c of ['mariadbd', 'mariadb-install-db', 'mariadb']) if (!which(c)) fail(`${c} still missing after apt-get install`);
  if (lang === 'go' && (!which('go') || !fs.existsSync(goDriver))) fail('go or the Debian MySQL driver still missing after apt-get install');
}

async function startMariaDB() {
  const data = path.join(state.tmp, 'data');
  const sock = path.join(state.tmp, 'sock');
  if (Buffer.byteLength(sock) > 100) fail(`socket path too long for a Unix socket (${sock}); set TMPDIR to a shorter directory`);
  const root = process.getuid?.() === 0;
  log(`mariadb-install-db --datadir=${data}`);
  run(which('mariadb-install-db'), [
    '--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db',
    ...(root ? ['--user=root'] : []),
  ], { what: 'mariadb-install-db' });

  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const errLog = path.join(state.tmp, `mariadbd-${attempt}.err`);
    const args = [
      '--no-defaults', `--datadir=${data}`, `--socket=${sock}`, `--port=${port}`, '--bind-address=127.0.0.1',
      `--pid-file=${path.join(state.tmp, 'mariadbd.pid')}`, `--log-error=${errLog}`, `--tmpdir=${state.tmp}`,
      '--skip-log-bin', '--innodb-buffer-pool-size=64M', '--max-connections=500',
      ...(root ? ['--user=root'] : []),
    ];
    log(`starting mariadbd on 127.0.0.1:${port} (socket ${sock})`);
    const child = spawn(which('mariadbd'), args, { stdio: 'ignore', detached: true });
    state.mariadb = child;
    const spawnErr = new Promise((resolve) => child.once('error', resolve));
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      const r = spawnSync(which('mariadb'), ['--no-defaults', `--socket=${sock}`, '-uroot', '-N', '-e', 'select version()'], { encoding: 'utf8' });
      if (r.status === 0) {
        log(`MariaDB ${r.stdout.trim()} ready (pid ${child.pid})`);
        return { port, sock, version: r.stdout.trim() };
      }
      if (!alive(child)) break;
      const err = await Promise.race([spawnErr, sleep(150)]);
      if (err instanceof Error) fail(`cannot start mariadbd: ${err.message}`);
    }
    const why = tail(errLog);
    await stop(child, 'mariadbd', 'SIGTERM', 10000);
    if (/Address already in use|Bind on TCP\/IP port/i.test(why) && attempt < 3) {
      log(`port ${port} was taken, retrying`);
      continue;
    }
    fail(`MariaDB did not start:\n${why}`);
  }
}

function loadSchema(sock) {
  log('loading workload/schema.sql (database mytest, table users, user mytest/mytest)');
  run(which('mariadb'), ['--no-defaults', `--socket=${sock}`, '-uroot'], {
    input: fs.readFileSync(path.join(here, 'schema.sql'), 'utf8'),
    what: 'loading schema.sql',
  });
  const rows = run(which('mariadb'), ['--no-defaults', `--socket=${sock}`, '-uroot', '-N', '-e', 'select count(*) from mytest.users'], { what: 'checking schema' });
  if (rows.trim() !== '1') fail(`expected 1 row in mytest.users, got ${rows.trim()}`);
}

function buildGo() {
  const gopath = path.join(state.tmp, 'gopath');
  const src = path.join(gopath, 'src', 'userleak');
  fs.mkdirSync(src, { recursive: true });
  fs.copyFileSync(path.join(here, 'go', 'main.go'), path.join(src, 'main.go'));
  const bin = path.join(state.tmp, 'bin', 'userleak');
  const env = { ...process.env, GO111MODULE: 'off', GOPATH: `${gopath}:/usr/share/gocode`, GOPROXY: 'off', CGO_ENABLED: '0', GOFLAGS: process.env.GOFLAGS ?? '' };
  if (!env.HOME && !env.GOCACHE && !env.XDG_CACHE_HOME) env.GOCACHE = path.join(state.tmp, 'gocache');
  log('building workload/go/main.go offline (GO111MODULE=off, GOPATH=<tmp>:/usr/share/gocode, CGO_ENABLED=0, -trimpath)');
  run(which('go'), ['build', '-trimpath', '-o', bin, '.'], { cwd: src, env, what: 'go build' });
  const goVersion = run(which('go'), ['version'], { what: 'go version' }).trim();
  log(`built ${bin} with ${goVersion}`);
  return { bin, runtimeVersion: goVersion };
}

function prepareNode() {
  const dir = path.join(here, 'node');
  if (!fs.existsSync(path.join(dir, 'node_modules', 'mysql2')) || !fs.existsSync(path.join(dir, 'node_modules', '@datadog', 'pprof'))) {
    log('npm ci in workload/node (node_modules missing)');
    run(which('npm'), ['ci', '--no-audit', '--no-fund'], { cwd: dir, what: 'npm ci in workload/node' });
  } else {
    log('workload/node/node_modules present');
  }
  const ver = (pkg) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  const runtimeVersion = `node ${process.version}, mysql2 ${ver('mysql2')}, @datadog/pprof ${ver('@datadog/pprof')}`;
  log(runtimeVersion);
  return { bin: process.execPath, script: path.join(dir, 'main.mjs'), runtimeVersion };
}

async function httpGet(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(30000) });
  if (!res.ok) fail(`GET ${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

async function runWorkload(db, prog) {
  const pprofPort = await freePort();
  const pprofAddr = `127.0.0.1:${pprofPort}`;
  fs.mkdirSync(outDir, { recursive: true });
  const before = new Set(fs.readdirSync(outDir));
  let args;
  let cmd;
  if (lang === 'go') {
    cmd = prog.bin;
    args = [
      '-dsn', `mytest:mytest@tcp(127.0.0.1:${db.port})/mytest?charset=utf8`,
      '-pprof', pprofAddr, '-rate', rate, '-snapshot-every', String(snapshotEvery), '-outdir', '.',
      ...(opts.fixed ? ['-fixed'] : []),
    ];
  } else {
    cmd = prog.bin;
    args = [
      '--expose-gc', prog.script, '--dsn', `mysql://mytest:mytest@127.0.0.1:${db.port}/mytest`, '--pprof', pprofAddr,
      '--interval', rate, '--snapshot-every', String(snapshotEvery), '--outdir', '.',
      ...(opts.fixed ? ['--fixed'] : []),
    ];
  }
  const printed = path.join(state.tmp, 'workload.stdout');
  const fd = fs.openSync(printed, 'w');
  const shown = lang === 'go' ? `userleak ${args.join(' ')}` : `node --expose-gc ${path.relative(repo, prog.script)} ${args.slice(2).join(' ')}`;
  log(`running for ${seconds}s in ${outDir}: ${shown}`);
  const child = spawn(cmd, args, { cwd: outDir, stdio: ['ignore', fd, 'pipe'], detached: true });
  fs.closeSync(fd);
  state.prog = child;
  const stderrLines = [];
  echoLines(child.stderr, lang === 'go' ? '[userleak]' : '[node]', stderrLines);
  const started = Date.now();
  const spawnErr = new Promise((resolve) => child.once('error', resolve));

  // Wait for the pprof endpoint.
  const base = `http://${pprofAddr}/debug/pprof`;
  for (;;) {
    if (!alive(child)) fail(`the workload exited early (${child.exitCode ?? child.signalCode}):\n${stderrLines.slice(-10).join('\n')}`);
    const err = await Promise.race([spawnErr, sleep(0)]);
    if (err instanceof Error) fail(`cannot start the workload: ${err.message}`);
    try {
      const res = await fetch(lang === 'go' ? `${base}/heap?debug=1` : `${base}/`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {}
    if (Date.now() - started > 20000) fail('the workload pprof endpoint did not come up within 20s');
    await sleep(100);
  }
  log(`pprof endpoint up at ${base}/heap`);

  // Live fetch half a second before the end (between two 1 s snapshots, so
  // the HTTP handler's own gzip buffers do not land in a snapshot).
  const liveAt = started + Math.max(0, seconds - 0.5) * 1000;
  await sleep(Math.max(0, liveAt - Date.now()));
  if (!alive(child)) fail(`the workload died (${child.exitCode ?? child.signalCode}):\n${stderrLines.slice(-10).join('\n')}`);
  const live = opts['no-live'] ? [] : [['live.pb.gz', `${base}/heap`]];
  if (lang === 'go' && !opts['no-live']) live.push(['live-debug1.prof', `${base}/heap?debug=1`]); // legacy text is Go-only
  for (const [name, url] of live) {
    const buf = await httpGet(url);
    fs.writeFileSync(path.join(outDir, name), buf);
    log(`fetched ${url} -> ${name} (${buf.length} bytes)`);
  }
  if (opts['report-live'] && !opts['no-live']) {
    // gen-report fetching the live endpoint itself, as `gen-report http://…/debug/pprof/heap` does.
    const cli = fileURLToPath(new URL('../dist/bin/cli.js', import.meta.url));
    const r = spawnSync(process.execPath, [cli, `${base}/heap`, '--text'], { encoding: 'utf8', timeout: 60000 });
    if (r.status !== 0) fail(`gen-report on ${base}/heap failed (${r.status ?? r.signal}): ${(r.stderr || '').trim()}`);
    fs.writeFileSync(path.join(outDir, 'live-gen-report.txt'), r.stdout);
    log(`gen-report ${base}/heap --text -> live-gen-report.txt`);
    if (lang === 'go') await liveHttp(cli, `${base}/heap`);
  }
  await sleep(Math.max(0, started + seconds * 1000 - Date.now()));

  log(`sending SIGINT to the workload (pid ${child.pid})`);
  child.kill('SIGINT');
  const done = await Promise.race([exited(child).then(() => true), sleep(120000).then(() => false)]);
  if (!done) fail('the workload did not exit within 120s of SIGINT');
  if (child.exitCode !== 0) fail(`the workload exited with ${child.exitCode ?? child.signalCode}:\n${stderrLines.slice(-10).join('\n')}`);
  let lines = 0;
  const text = fs.readFileSync(printed, 'utf8');
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const files = fs.readdirSync(outDir).filter((f) => !before.has(f) && f !== 'run.json').sort();
  if (!files.some((f) => /^heap_.*\.pb\.gz$/.test(f) && !/_snap\d+/.test(f))) fail('the workload wrote no heap_*.pb.gz profile');
  return { pid: child.pid, args, shown, stdoutLines: lines, stderr: stderrLines, files, ranSeconds: (Date.now() - started) / 1000 };
}

// ---------------------------------------------------------------- main

async function main() {
  log(`lang=${lang} seconds=${seconds} rate=${rate} fixed=${opts.fixed} snapshot-every=${snapshotEvery}${opts['no-live'] ? ' no-live' : ''}`);
  checkPackages();
  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-report-workload-'));
  log(`temporary directory ${state.tmp}`);
  const db = await startMariaDB();
  loadSchema(db.sock);
  const prog = lang === 'go' ? buildGo() : prepareNode();
  const res = await runWorkload(db, prog);
  const manifest = {
    lang,
    command: `npm run workload -- ${process.argv.slice(2).join(' ')}`.trim(),
    workloadCommand: res.shown,
    seconds,
    rate: Number(rate),
    fixed: opts.fixed,
    snapshotEvery,
    pid: res.pid,
    runtime: prog.runtimeVersion,
    mariadb: db.version,
    node: process.version,
    date: new Date().toISOString(),
    ranSeconds: res.ranSeconds,
    usersPrinted: res.stdoutLines,
    workloadStderr: res.stderr,
    files: Object.fromEntries(res.files.map((f) => [f, fs.statSync(path.join(outDir, f)).size])),
  };
  fs.writeFileSync(path.join(outDir, 'run.json'), JSON.stringify(manifest, null, 2) + '\n');
  await cleanup();
  log(`workload printed ${res.stdoutLines} lines; profiles in ${outDir}:`);
  for (const [f, size] of Object.entries(manifest.files)) console.log(`    ${f}  ${size} bytes`);
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s; profiles in ${outDir}`);
  const next = nextCommands(outDir, res.files);
  if (next.length > 0) {
    console.log('next (after npm run build):');
    for (const c of next) console.log(`  ${c}`);
  }
}

main().then(
  () => process.exit(0),
  async (e) => {
    console.error(`[workload] FAILED: ${e instanceof Fail ? e.message : e.stack}`);
    await cleanup();
    process.exit(1);
  },
);

/**
 * `gen-report URL --http=127.0.0.1:0` on the live endpoint, as pprof's `-http` serves it: the page is
 * loaded twice, a second apart, and each load fetched the profile again (its Time: line moves on).
 * Both pages go to live-http-1.html / live-http-2.html, their Time: lines to live-http.txt.
 */
async function liveHttp(cli, url) {
  const server = spawn(process.execPath, [cli, url, '--http=127.0.0.1:0', '--no_browser', '--no-save'], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    let err = '';
    const page = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no 'Serving web UI on' line in 60 s: ${err.trim()}`)), 60000);
      server.stderr.on('data', (c) => {
        err += c;
        const m = /Serving web UI on (http:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      server.once('exit', (code) => reject(new Error(`gen-report --http exited (${code}): ${err.trim()}`)));
    });
    const times = [];
    for (const n of [1, 2]) {
      if (n === 2) await sleep(1100);
      const res = await fetch(page, { signal: AbortSignal.timeout(60000) });
      const html = await res.text();
      if (!res.ok) throw new Error(`it answered ${res.status} on ${page}`);
      fs.writeFileSync(path.join(outDir, `live-http-${n}.html`), html);
      // The first Time: line is in the graph's legend, where Graphviz writes '-' as &#45;.
      const time = /Time: ([^<"]*)/.exec(html)?.[1]?.replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)));
      times.push(time ?? '(no Time: line)');
    }
    fs.writeFileSync(path.join(outDir, 'live-http.txt'), `${times.join('\n')}\n`);
    log(`gen-report ${url} --http: two loads of ${page}, Time: ${times.join(' then ')} -> live-http.txt`);
  } catch (e) {
    server.kill('SIGINT');
    fail(`gen-report --http on ${url}: ${e.message}`);
  }
  server.kill('SIGINT');
}
