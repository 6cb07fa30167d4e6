import '../src/io/node-platform.js';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULTS, type ReportConfig } from '../src/config/defaults.js';
import { UserError } from '../src/errors.js';
import type { Granularity } from '../src/graph/node-info.js';
import { parseProfile } from '../src/ingest/parse.js';
import { analyze } from '../src/graph/analysis.js';
import { buildDotModel } from '../src/report/dot/dot-model.js';
import { renderText } from '../src/report/text/text.js';
import { toDotText } from '../src/report/dot/to-dot.js';
import { mutant, toSeed } from './fuzz-mutate.js';
import { prng } from './synth-profile.js';

/** What the driver sends: seed files, the run's seed, and the case range to run. */
export interface WorkerJob {
  seedPaths: string[];
  seed: number;
  start: number;
  end: number;
  maxInflate: number;
}

export type CaseResult =
  | { kind: 'ok' | 'user'; message?: string }
  | { kind: 'crash'; message: string; stack: string };

const GRANS: Granularity[] = ['functions', 'lines', 'files', 'addresses', 'filefunctions'];

/** parse → table and graph analyses → text and DOT, as the CLI does (minus layout and files). */
export function runCase(bytes: Uint8Array, index: number, seed: number, maxInflate: number): CaseResult {
  const rnd = prng((seed * 7919 + index) >>> 0);
  try {
    const p = parseProfile(bytes, 'fuzz', { maxInflate });
    const cfg: ReportConfig = {
      ...DEFAULTS.report,
      sampleIndex: rnd() < 0.7 ? '' : String(Math.floor(rnd() * Math.max(1, p.sampleTypes.length))),
      granularity: GRANS[Math.floor(rnd() * GRANS.length)]!,
      noInlines: rnd() < 0.2,
      trim: rnd() < 0.8,
      sort: rnd() < 0.5 ? 'flat' : 'cum',
    };
    renderText(analyze(p, cfg, 'table'));
    toDotText(buildDotModel(analyze(p, cfg, 'graph')));
    return { kind: 'ok' };
  } catch (e) {
    if (e instanceof UserError) return { kind: 'user', message: e.message };
    const err = e as Error;
    return { kind: 'crash', message: String(err?.message ?? e), stack: String(err?.stack ?? '') };
  }
}

if (parentPort && workerData) {
  const job = workerData as WorkerJob;
  const seeds = job.seedPaths.map((p) => toSeed(p, readFileSync(p)));
  for (let i = job.start; i < job.end; i++) {
    const m = mutant(seeds, job.seed, i);
    parentPort.postMessage({ type: 'start', i, from: m.from });
    const t = performance.now();
    const r = runCase(m.bytes, i, job.seed, job.maxInflate);
    parentPort.postMessage({ type: 'done', i, ms: performance.now() - t, result: r });
  }
  parentPort.postMessage({ type: 'end' });
}
