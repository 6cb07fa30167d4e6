#!/usr/bin/env node
// Regenerates samples/workload/ (Go) or samples/workload/node/ (Node) from real
// runs of workload/run.mjs, renames the profiles to stable names and writes the
// provenance README.md next to them.
//
//   node workload/make-samples.mjs [--lang go|node]
//
// Each run's original file names, command, versions and date come from the
// run.json that run.mjs writes.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const { lang } = parseArgs({ options: { lang: { type: 'string', default: 'go' } } }).values;

const go = {
  dest: path.join(repo, 'samples', 'workload'),
  runs: [
    {
      name: 'leak',
      args: ['--seconds', '6'],
      what: 'leaking run, MemProfileRate=1: final profile in both formats plus a live fetch',
      take: [
        [/^heap_userleak_\d+_\d{4}(_\d\d){5}\.prof$/, 'leak.prof', 'final profile written on SIGINT, legacy text (WriteTo debug=1); same GC snapshot as leak.pb.gz'],
        [/^heap_userleak_\d+_\d{4}(_\d\d){5}\.pb\.gz$/, 'leak.pb.gz', 'final profile written on SIGINT, gzipped protobuf (WriteTo debug=0); same GC snapshot as leak.prof'],
        [/^live\.pb\.gz$/, 'live.pb.gz', 'live GET /debug/pprof/heap (protobuf), 0.5 s before SIGINT'],
        [/^live-debug1\.prof$/, 'live-debug1.prof', 'live GET /debug/pprof/heap?debug=1 (legacy text), right after live.pb.gz'],
      ],
    },
    {
      name: 'series',
      args: ['--seconds', '8', '--snapshot-every', '1', '--no-live'],
      what: 'leaking run, MemProfileRate=1, a snapshot every second (no live fetch, so nothing but the leak moves)',
      take: [
        [/^heap_userleak_\d+_snap(\d+)\.pb\.gz$/, (m) => `series/leak-${m[1]}.pb.gz`, 'snapshot N of the leaking run (-snapshot-every 1), protobuf'],
        [/^heap_userleak_\d+_snap(\d+)\.prof$/, (m) => `series/leak-${m[1]}.prof`, 'snapshot N of the leaking run, legacy text (same GC as the .pb.gz)'],
      ],
    },
    {
      name: 'fixed',
      args: ['--seconds', '8', '--fixed', '--snapshot-every', '1', '--no-live'],
      what: 'fixed variant (users not retained), MemProfileRate=1, a snapshot every second (no live fetch)',
      take: [
        [/^heap_userleak_\d+_\d{4}(_\d\d){5}\.prof$/, 'fixed.prof', 'final profile of the fixed variant, legacy text'],
        [/^heap_userleak_\d+_\d{4}(_\d\d){5}\.pb\.gz$/, 'fixed.pb.gz', 'final profile of the fixed variant, protobuf'],
        [/^heap_userleak_\d+_snap(\d+)\.pb\.gz$/, (m) => `series-fixed/fixed-${m[1]}.pb.gz`, 'snapshot N of the fixed run, protobuf'],
      ],
    },
    {
      name: 'rate512k',
      args: ['--seconds', '10', '--rate', '524288'],
      what: "leaking run at Go's default sampling rate (MemProfileRate=524288): values need unsampling",
      take: [
        [/^heap_userleak_\d+_\d{4}(_\d\d){5}\.prof$/, 'rate512k.prof', 'final profile, legacy text, 1-in-524288 sampling'],
        [/^heap_userleak_\d+_\d{4}(_\d\d){5}\.pb\.gz$/, 'rate512k.pb.gz', 'final profile, protobuf, 1-in-524288 sampling'],
        [/^live\.pb\.gz$/, 'rate512k-live.pb.gz', 'live GET /debug/pprof/heap, 1-in-524288 sampling'],
      ],
    },
  ],
};

const node = {
  dest: path.join(repo, 'samples', 'workload', 'node'),
  runs: [
    {
      name: 'leak',
      args: ['--lang', 'node', '--seconds', '8', '--snapshot-every', '1'],
      what: 'leaking Node run, heap sampling every 1024 bytes, a snapshot every second',
      take: [
        [/^heap_userleak-node_\d+_\d{4}(_\d\d){5}\.pb\.gz$/, 'leak.pb.gz', 'final profile written on SIGINT (heap.profile() -> encode -> gzip)'],
        [/^live\.pb\.gz$/, 'live.pb.gz', 'live GET /debug/pprof/heap, 0.5 s before SIGINT'],
        [/^heap_userleak-node_\d+_snap(\d+)\.pb\.gz$/, (m) => `series/leak-${m[1]}.pb.gz`, 'snapshot N of the leaking run'],
      ],
    },
    {
      name: 'fixed',
      args: ['--lang', 'node', '--seconds', '8', '--fixed', '--snapshot-every', '1', '--no-live'],
      what: 'fixed Node variant (rows not retained), a snapshot every second (no live fetch)',
      take: [
        [/^heap_userleak-node_\d+_\d{4}(_\d\d){5}\.pb\.gz$/, 'fixed.pb.gz', 'final profile of the fixed variant'],
        [/^heap_userleak-node_\d+_snap(\d+)\.pb\.gz$/, (m) => `series-fixed/fixed-${m[1]}.pb.gz`, 'snapshot N of the fixed run'],
      ],
    },
  ],
};

const plan = lang === 'node' ? node : go;
// Start from a clean destination (the Go folder keeps its node/ subfolder).
if (fs.existsSync(plan.dest)) {
  for (const f of fs.readdirSync(plan.dest)) {
    if (f === 'node') continue;
    fs.rmSync(path.join(plan.dest, f), { recursive: true, force: true });
  }
}
fs.mkdirSync(plan.dest, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-report-samples-'));
const rows = [];
const manifests = [];
try {
  for (const r of plan.runs) {
    const out = path.join(work, r.name);
    const t = Date.now();
    const res = spawnSync('node', [path.join(here, 'run.mjs'), ...r.args, '--out', out], { stdio: 'inherit' });
    if (res.status !== 0) throw new Error(`run ${r.name} failed (${res.status})`);
    const wall = ((Date.now() - t) / 1000).toFixed(1);
    const m = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8'));
    m.command = `npm run workload -- ${r.args.join(' ')}`;
    manifests.push({ ...r, m, wall });
    for (const f of fs.readdirSync(out).sort()) {
      for (const [re, to, desc] of r.take) {
        const mm = f.match(re);
        if (!mm) continue;
        const name = typeof to === 'function' ? to(mm) : to;
        fs.mkdirSync(path.dirname(path.join(plan.dest, name)), { recursive: true });
        fs.copyFileSync(path.join(out, f), path.join(plan.dest, name));
        rows.push({ name, orig: f, run: r.name, desc, size: fs.statSync(path.join(out, f)).size });
        break;
      }
    }
    fs.copyFileSync(path.join(out, 'run.json'), path.join(plan.dest, `${r.name}.run.json`));
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const m0 = manifests[0].m;
const lines = [];
lines.push(lang === 'node' ? '# samples/workload/node — real Node heap profiles' : '# samples/workload — real Go heap profiles');
lines.push('');
lines.push(
  lang === 'node'
    ? 'Produced by the bundled Node workload (`workload/node/main.mjs`, mysql2 + @datadog/pprof) against a private MariaDB, by `node workload/make-samples.mjs --lang node`, which runs `workload/run.mjs` and renames the files. Do not edit by hand: regenerate.'
    : 'Produced by the bundled Go workload (`workload/go/main.go`, the blog post\'s leaking MySQL program) against a private MariaDB, by `node workload/make-samples.mjs`, which runs `workload/run.mjs` and renames the files. Do not edit by hand: regenerate.',
);
lines.push('');
lines.push(`- Date: ${m0.date}`);
lines.push(`- Runtime: ${m0.runtime}`);
lines.push(`- MariaDB: ${m0.mariadb}`);
lines.push(`- run.mjs under Node ${m0.node}, machine: ${os.cpus().length} cores, ${os.platform()} ${os.arch()}`);
lines.push('');
lines.push('## Runs');
lines.push('');
for (const { name, what, m, wall } of manifests) {
  lines.push(`### ${name}: ${what}`);
  lines.push('');
  lines.push(`- Command: \`${m.command}\` (wall time ${wall} s including MariaDB set-up and build)`);
  lines.push(`- Workload process: \`${m.workloadCommand.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<free port>')}\` (pid ${m.pid}), ran ${m.ranSeconds.toFixed(1)} s`);
  const last = m.workloadStderr.filter((l) => /signal got|rows received|users received/.test(l)).pop();
  if (last) lines.push(`- Its last words: \`${last}\``);
  lines.push(`- Manifest written by run.mjs: \`${name}.run.json\``);
  lines.push('');
}
lines.push('## Files');
lines.push('');
lines.push('| file | bytes | run | original name | what |');
lines.push('| --- | ---: | --- | --- | --- |');
for (const r of rows) lines.push(`| \`${r.name}\` | ${r.size} | ${r.run} | \`${r.orig}\` | ${r.desc} |`);
lines.push('');
if (lang !== 'node') {
  lines.push('The Node workload\'s profiles are in `node/` (their own README).');
  lines.push('');
  lines.push('Notes:');
  lines.push('');
  lines.push('- `leak.prof`/`leak.pb.gz` (and each `series/leak-NNN.prof`/`.pb.gz` pair) come from the same GC cycle: the program turns GC off, runs `runtime.GC()`, writes both, then turns GC back on, so both formats carry identical numbers.');
  lines.push('- The legacy text files name frames only in their `#` comment lines; `go tool pprof` without the binary shows one `<unknown>` node for them. The binary was built with `-trimpath`, so file names read `userleak/main.go`.');
  lines.push('- `rate512k.*` were sampled 1 in 524288 bytes: a reader must unsample (pprof scales each value by 1/(1-exp(-size/rate))).');
  lines.push('');
}
fs.writeFileSync(path.join(plan.dest, 'README.md'), lines.join('\n'));
console.log(`wrote ${path.join(plan.dest, 'README.md')}`);
