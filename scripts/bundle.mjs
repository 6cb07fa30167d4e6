// The gen-report command as shipped: tsc's output (dist/src, also the library) bundled by esbuild
// into dist/bin — cli.js, the layout worker, and a chunk per part loaded on demand (the pipeline,
// the HTML report, the pictures). Node 20 loads one file in a few milliseconds where it resolves,
// reads and links ~100 modules in ~40: the first seconds of a CI job, and a fifth of a `--text`
// run on a large profile. Dependencies stay in node_modules (native and WASM parts among them),
// but for ts-graphviz (pure ESM, ~40 modules): bundled too, it loads in ~4 ms instead of ~20.
// Files found at run time from `import.meta.url` (the layout worker, templates/, package.json)
// are where they were: the worker next to the chunks, the others found upwards.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const bundled = new Set(['ts-graphviz']);

// Chunk names carry a content hash: start empty, so no stale chunk ships.
rmSync('dist/bin', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'dist/src/cli.js', 'layout-worker': 'dist/src/report/layout-worker.js' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(dependencies).filter((d) => !bundled.has(d)),
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
