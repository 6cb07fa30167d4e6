// The gen-report command as shipped: tsc's output (dist/src, also the library) bundled by esbuild
// into dist/bin. Node 20 loads one file in a few milliseconds where it resolves, reads and links
// ~100 modules in ~40: the first seconds of a CI job, and a good part of a run on a large profile.
// - main-HASH.js: the whole command, one CommonJS file (its parts that a run may not need stay in
//   functions that run on first use: esbuild's lazy module init). CommonJS because Node 20 can
//   give a script V8's code cache and not an ES module (nor does it start the ES module loader).
// - cli.js: the launcher (scripts/launcher.cjs): compiles main with V8's code cache and runs it.
//   The cache is made on the user's machine by the first run (only the V8 that made a cache takes
//   it), so none is built or shipped here.
// - layout-worker.mjs: the layout worker (an ES module: @hpcc-js/wasm-graphviz is one); and
//   background-worker.mjs, the HTML report's background thread (src/io/background.ts).
// Dependencies stay in node_modules (native and WASM parts among them), but for ts-graphviz (pure
// ESM, ~40 modules), bundled too, and @hpcc-js/wasm-graphviz, bundled into the layout worker (see
// below). Files found at run time from `import.meta.url` (the layout worker, templates/,
// package.json, the font) are found from dist/bin as before.
import { readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { basename } from 'node:path';
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

// Names carry a content hash: start empty, so no stale bundle ships.
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
// The workers are ES modules; dist/bin's package.json says CommonJS, so they are .mjs.
const worker = { ...common, outdir: 'dist/bin', format: 'esm', outExtension: { '.js': '.mjs' } };
await build({ ...worker, entryPoints: { 'background-worker': 'dist/src/io/background-worker.js' } });

// The layout worker bundles @hpcc-js/wasm-graphviz, with one change: its `Graphviz.unload()` also
// drops the WASM binary it unpacked (base91 and zstd, in JavaScript: ~55 ms a time), and the worker
// takes a fresh instance for every layout (src/io/layout-worker.ts), so a 40-type report unpacked
// it 40 times (~2.2 s). Here unload keeps the binary: each instance is still new, from the same
// bytes. The build stops when the library's code no longer has the shape this change expects.
const unpackOnce = {
  name: 'graphviz-unpack-once',
  setup(b) {
    b.onLoad({ filter: /[\\/]@hpcc-js[\\/]wasm-graphviz[\\/]dist[\\/]index\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const kept = /function \w+\(\)\{return (\w+)\?\?=\w+\(\w+\(\w+\)\),\w+\(\{wasmBinary:\1,/.exec(src);
      const reset = kept && new RegExp(`function (\\w+)\\(\\)\\{${kept[1]}=void 0\\}`, 'g');
      const resets = reset ? src.match(reset) ?? [] : [];
      if (resets.length !== 1) throw new Error(`${args.path}: not the shape graphviz-unpack-once patches (scripts/bundle.mjs)`);
      return { contents: src.replace(reset, 'function $1(){}'), loader: 'js' };
    });
  },
};
await build({
  ...worker,
  external: common.external.filter((d) => d !== '@hpcc-js/wasm-graphviz'),
  entryPoints: { 'layout-worker': 'dist/src/io/layout-worker.js' },
  plugins: [unpackOnce],
});

const main = Object.keys(r.metafile.outputs).find((o) => /\/main-[^/]+\.js$/.test(o));
// The entry's `#!` line: not valid inside the launcher's function wrapper.
writeFileSync(main, readFileSync(main, 'utf8').replace(/^#!.*\n/, ''));
// dist/bin is CommonJS (the package is "type": "module"); the worker says so with .mjs.
writeFileSync('dist/bin/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
writeFileSync('dist/bin/cli.js', readFileSync('scripts/launcher.cjs', 'utf8').replace('__MAIN__', basename(main)).replace('__MAIN_STEM__', basename(main, '.js')));
chmodSync('dist/bin/cli.js', 0o755);

// The HTML page's engine (src/page/engine.ts): the same engine for the browser, one IIFE defining
// `GenReportEngine`, with the graphs' font metrics built in (the page carries no font file); and
// its Graphviz layout worker, which the page inlines as text and starts from a Blob URL.
// Both are inlined in every HTML report by src/io/page-assets.ts.
const { fontMetrics } = await import('../dist/src/report/pictures/font.js');
const { encodeFontMetrics } = await import('../dist/src/page/font-metrics.js');
const metrics = encodeFontMetrics(fontMetrics(readFileSync('dist/fonts/Arimo-Regular.ttf')));
const browser = { bundle: true, platform: 'browser', target: 'es2020', minify: true, legalComments: 'none', logLevel: 'warning' };
rmSync('dist/page', { recursive: true, force: true });
await build({
  ...browser,
  entryPoints: { engine: 'dist/src/page/engine.js' },
  outdir: 'dist/page',
  format: 'iife',
  globalName: 'GenReportEngine',
  define: { __GR_FONT_METRICS__: JSON.stringify(metrics) },
});
await build({ ...browser, entryPoints: { 'layout-worker': 'dist/src/page/layout-worker.js' }, outdir: 'dist/page', format: 'iife' });
