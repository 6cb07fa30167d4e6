// The gen-report command as shipped: tsc's output (dist/src, also the library) bundled by esbuild
// into dist/bin. Node 20 loads one file in a few milliseconds where it resolves, reads and links
// ~100 modules in ~40: the first seconds of a CI job, and a good part of a run on a large profile.
// - main-HASH.js: the whole command, one CommonJS file (its parts that a run may not need stay in
//   functions that run on first use: esbuild's lazy module init). CommonJS because Node 20 can
//   give a script V8's code cache and not an ES module (nor does it start the ES module loader).
// - main-HASH.cache: V8's code cache for it, taken at the end of sample reports run here (text,
//   DOT, SVG, PNG, HTML): the bytecode of what those runs compiled. A run then neither parses nor
//   compiles those functions (~15 ms a run). Only the V8 that made it takes it (see cli.js).
// - cli.js: the launcher (scripts/launcher.cjs): compiles main with the cache and runs it.
// - layout-worker.mjs: the layout worker (an ES module: @hpcc-js/wasm-graphviz is one).
// Dependencies stay in node_modules (native and WASM parts among them), but for ts-graphviz (pure
// ESM, ~40 modules): bundled too. Files found at run time from `import.meta.url` (the layout
// worker, templates/, package.json, the font) are found from dist/bin as before.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const bundled = new Set(['ts-graphviz']);
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: Object.keys(dependencies).filter((d) => !bundled.has(d)),
  logLevel: 'warning',
};

// Names carry a content hash: start empty, so no stale bundle or cache ships.
rmSync('dist/bin', { recursive: true, force: true });
const r = await build({
  ...common,
  entryPoints: { main: 'dist/src/cli.js' },
  outdir: 'dist/bin',
  entryNames: '[name]-[hash]',
  format: 'cjs',
  define: { 'import.meta.url': '__importMetaUrl' },
  metafile: true,
});
await build({ ...common, entryPoints: { 'layout-worker': 'dist/src/report/layout-worker.js' }, outdir: 'dist/bin', format: 'esm', outExtension: { '.js': '.mjs' } });

const main = Object.keys(r.metafile.outputs).find((o) => /\/main-[^/]+\.js$/.test(o));
// The entry's `#!` line: not valid inside the launcher's function wrapper.
writeFileSync(main, readFileSync(main, 'utf8').replace(/^#!.*\n/, ''));
const cache = main.replace(/\.js$/, '.cache');
// dist/bin is CommonJS (the package is "type": "module"); the worker says so with .mjs.
writeFileSync('dist/bin/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
writeFileSync('dist/bin/cli.js', readFileSync('scripts/launcher.cjs', 'utf8').replace('__MAIN__', basename(main)).replace('__CACHE__', basename(cache)));
chmodSync('dist/bin/cli.js', 0o755);

// The code cache: sample reports of every kind, in a scratch folder, through the launcher.
const out = mkdtempSync(join(tmpdir(), 'gen-report-cache-'));
for (const formats of [['--svg', '--png', '--html'], ['--text', '--dot']]) {
  const run = spawnSync(process.execPath, ['dist/bin/cli.js', 'samples/workload/leak.pb.gz', ...formats, '--quiet', '--out-dir', out], {
    env: { ...process.env, GEN_REPORT_WRITE_CODE_CACHE: cache },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`bundle: the sample report ${formats.join(' ')} failed: ${run.stderr}`);
}
rmSync(out, { recursive: true, force: true });
if (!existsSync(cache)) throw new Error('bundle: no code cache was written');
