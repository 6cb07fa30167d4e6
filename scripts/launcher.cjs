#!/usr/bin/env node
'use strict';
// The gen-report command: runs the bundle next to it (main-HASH.js, made by scripts/bundle.mjs from
// tsc's output) with the V8 code cache made for it at build time (main-HASH.cache), so the functions
// a run needs are not parsed and compiled again on every start. A cache that this Node's V8 does not
// take (another version, other flags) is ignored: the bundle compiles as usual. The bundle is
// CommonJS in a function like Node's module wrapper, plus `__importMetaUrl` for its import.meta.url.
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
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
const cacheFile = join(__dirname, '__CACHE__');
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache: compile from the source.
}
const source = `(function (exports, require, module, __filename, __dirname, __importMetaUrl) {${readFileSync(main, 'utf8')}\n})`;
const script = new Script(source, { filename: main, cachedData });
if (process.argv.includes('--debug') && (cachedData === undefined || script.cachedDataRejected)) {
  process.stderr.write(`gen-report: ${cachedData ? 'V8 did not take' : 'no'} code cache ${cacheFile} (Node ${process.version}): compiled from source\n`);
}
// The build runs sample reports with this set, and keeps the code compiled by their end.
const out = process.env.GEN_REPORT_WRITE_CODE_CACHE;
if (out) {
  process.on('exit', () => {
    writeFileSync(`${out}.tmp`, script.createCachedData());
    renameSync(`${out}.tmp`, out);
  });
}
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, main, __dirname, pathToFileURL(main).href);
