// The gen-report command as shipped: tsc's output (dist/src, also the library) bundled by esbuild
// into dist/bin — cli.js, the layout worker, and a chunk per part loaded on demand (the pipeline,
// the HTML report, the pictures). Node 20 loads one file in a few milliseconds where it resolves,
// reads and links ~100 modules in ~40: the first seconds of a CI job, and a fifth of a `--text`
// run on a large profile. Dependencies stay in node_modules (native and WASM parts among them).
// Files found at run time from `import.meta.url` (the layout worker, templates/, package.json)
// are where they were: the worker next to the chunks, the others found upwards.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

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
  packages: 'external',
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
