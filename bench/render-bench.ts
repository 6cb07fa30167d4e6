import '../src/io/node-platform.js';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DEFAULTS } from '../src/config/defaults.js';
import { parseProfile } from '../src/ingest/parse.js';
import { computeInputs, reportSource } from '../src/report/inputs.js';
import { layoutDot } from '../src/report/pictures/layout-dot.js';
import { runLayout } from '../src/io/layout.js';
import { renderPng } from '../src/io/png.js';
import { svgPoints } from '../src/report/pictures/png-size.js';
import { generateHeapProfile } from './gen-profile.js';
import { benchSizes } from './make-inputs.js';

/**
 * Layout (WASM Graphviz in its worker, module load included) and raster (resvg) times of --svg/--png.
 *   npm run build && node dist/bench/render-bench.js [profile.pb.gz …]
 * Default inputs: the seed's leak profile and the bench's generated large profile, at 80 nodes and more.
 */
interface Case {
  name: string;
  bytes: Uint8Array;
  nodeCounts: number[];
  /** Keep every node up to nodecount (nodefraction = edgefraction = 0), for graphs of exactly that size. */
  all?: boolean;
}

function cases(argv: string[]): Case[] {
  if (argv.length > 0) return argv.map((p) => ({ name: p, bytes: readFileSync(p), nodeCounts: [80] }));
  const large = benchSizes().find((s) => s.name === 'large')!;
  return [
    { name: 'samples/workload/leak.pb.gz', bytes: readFileSync('samples/workload/leak.pb.gz'), nodeCounts: [80] },
    { name: 'samples/workload/node/fixed.pb.gz', bytes: readFileSync('samples/workload/node/fixed.pb.gz'), nodeCounts: [80] },
    { name: 'generated large (270k samples)', bytes: generateHeapProfile(large), nodeCounts: [80] },
    { name: 'generated large, fractions 0', bytes: generateHeapProfile(large), nodeCounts: [80, 120, 150, 250], all: true },
  ];
}

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

for (const c of cases(process.argv.slice(2))) {
  const profile = parseProfile(c.bytes, c.name, { maxInflate: DEFAULTS.maxInflate });
  for (const nodeCount of c.nodeCounts) {
    const warnings: string[] = [];
    const warn = (m: string) => void warnings.push(m);
    const source = reportSource(profile, { ...DEFAULTS.report, nodeCount, ...(c.all ? { nodeFraction: 0, edgeFraction: 0 } : {}) }, 'bench');
    let t0 = performance.now();
    const input = layoutDot(computeInputs(source, ['dot'], warn).dot, warn);
    const prep = ms(t0);
    t0 = performance.now();
    const svg = await runLayout(input.dot, 300, 'bench');
    const layout = ms(t0);
    t0 = performance.now();
    const png = await renderPng(Promise.resolve(svg), source.render, warn);
    const raster = ms(t0);
    const pt = svgPoints(svg);
    const w = png.subarray(16, 20);
    const h = png.subarray(20, 24);
    const px = `${new DataView(w.buffer, w.byteOffset).getUint32(0)}×${new DataView(h.buffer, h.byteOffset).getUint32(0)}`;
    console.log(
      `${c.name} nodecount=${nodeCount}: ${input.nodes} nodes ${input.edges} edges${input.xlabels ? ' (xlabels)' : ''}, graph+DOT ${prep}, layout ${layout}, raster ${raster}; ${pt.width}×${pt.height} pt → ${px} px, PNG ${(png.length / 1024).toFixed(0)} kB`,
    );
  }
}
