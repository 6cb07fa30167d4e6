#!/usr/bin/env node
'use strict';
// The gen-report command: runs the bundle next to it (main-HASH.js, made by scripts/bundle.mjs from
// tsc's output) with a V8 code cache, so the functions a run needs are not parsed and compiled again
// on every start. Only the V8 that made a cache takes it, so none ships: the first run on this Node
// (for its set of formats) writes one into the user's cache folder ($XDG_CACHE_HOME/gen-report,
// else ~/.cache/gen-report) as it exits, with what that run compiled; a cache V8 refuses is
// written again. A folder that
// cannot be written changes nothing but the time. The bundle is CommonJS in a function like Node's
// module wrapper, plus `__importMetaUrl` for its import.meta.url.
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');
// A hot loop that V8 compiles while it runs (on-stack replacement) waits for the compiled code
// instead of going on slowly in the interpreter while another thread compiles it: gen-report's
// passes over the samples each run once, and on a machine of few cores that thread is not free
// (measured: --dot and --text on the 8.5 MB bench profile ~9 ms faster, --html ~30 ms). Set before
// the bundle is compiled: the code cache is made and taken under the same flags. Node's built-in
// modules come with their own code cache, which V8 takes only under the flags it was made with:
// those that every run loads are loaded first.
for (const m of ['node:fs/promises', 'node:util', 'node:zlib']) require(m);
require('node:v8').setFlagsFromString('--no-concurrent-osr');

const main = join(__dirname, '__MAIN__');
const { XDG_CACHE_HOME: xdg, HOME: home } = process.env;
// XDG's rule: a relative XDG_CACHE_HOME is ignored.
const cacheDir = xdg && xdg.startsWith('/') ? join(xdg, 'gen-report') : home ? join(home, '.cache', 'gen-report') : null;
// One cache per set of formats asked for: a cache holds what its first run compiled, and a --text
// run compiles none of what --html needs (a wrong guess costs time only).
const FORMATS = ['text', 'dot', 'svg', 'png', 'html', 'json', 'markdown', 'tree', 'peek', 'traces', 'tags', 'list', 'leaks', 'proto', 'raw', 'callgrind', 'web', 'http'];
const kinds = new Set();
for (const a of process.argv.slice(2)) {
  const m = /^--?([a-z_]+)/.exec(a);
  if (m && FORMATS.includes(m[1])) kinds.add(m[1]);
}
const kind = [...kinds].sort().join('+') || 'text';
const cacheFile = cacheDir && join(cacheDir, `__MAIN_STEM__-${kind}-v8-${process.versions.v8}-${process.arch}.cache`);
let cachedData;
try {
  if (cacheFile) cachedData = readFileSync(cacheFile);
} catch {
  // No cache yet: compile from the source.
}
const source = `(function (exports, require, module, __filename, __dirname, __importMetaUrl) {${readFileSync(main, 'utf8')}\n})`;
const script = new Script(source, { filename: main, cachedData });
if (process.argv.includes('--debug') && (cachedData === undefined || script.cachedDataRejected)) {
  process.stderr.write(`gen-report: ${cachedData ? 'V8 did not take' : 'no'} code cache ${cacheFile ?? '(no cache folder: neither XDG_CACHE_HOME nor HOME is set)'} (Node ${process.version}): compiled from source\n`);
}
// Written after a report (exit 0, or 1 for a breach): a --help or a refused command line compiles
// too little to be worth keeping for every later run.
const brief = ['--help', '-h', '--version', '-V'];
if (cacheFile && (cachedData === undefined || script.cachedDataRejected) && !process.argv.some((a) => brief.includes(a))) {
  process.on('exit', (code) => {
    if (code !== 0 && code !== 1) return;
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // Not writable (a read-only home, a full disk): the next run compiles from source too.
    }
  });
}
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, main, __dirname, pathToFileURL(main).href);
