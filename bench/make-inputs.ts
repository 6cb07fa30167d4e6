import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { generateHeapProfile, writeHeapProfile } from './gen-profile.js';

export interface BenchSize {
  name: string;
  samples: number;
  functions: number;
  maxDepth: number;
  seed: number;
}

/**
 * The bench's generated inputs: a medium (~1 MB gzipped, 34k samples), a large (~8.5 MB, 270k)
 * and a 1M-sample (~34 MB) profile; with BENCH_HUGE=1 also a 4M-sample one (~250 MB, 20,000
 * functions), which takes minutes to make and gigabytes to read with `go tool pprof`.
 */
export function benchSizes(env: NodeJS.ProcessEnv = process.env): BenchSize[] {
  return [
    { name: 'medium', samples: 34_000, functions: 600, maxDepth: 32, seed: 7 },
    { name: 'large', samples: 270_000, functions: 600, maxDepth: 32, seed: 42 },
    { name: '1M', samples: 1_000_000, functions: 5_000, maxDepth: 32, seed: 1001 },
    ...(env['BENCH_HUGE'] === '1' ? [{ name: '4M', samples: 4_000_000, functions: 20_000, maxDepth: 32, seed: 4004 }] : []),
  ];
}

/** Where generated inputs are kept between runs (outside the repository): BENCH_CACHE, else ~/.cache. */
export function benchCache(env: NodeJS.ProcessEnv = process.env): string {
  return env['BENCH_CACHE'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'gen-report-bench');
}

/**
 * Makes (once: the file name holds every parameter, and the generator is deterministic) each
 * size's profile in `dir`; returns their paths.
 */
export async function makeInputs(dir: string, sizes = benchSizes()): Promise<{ name: string; path: string; samples: number; bytes: number }[]> {
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (const s of sizes) {
    const path = join(dir, `${s.name}-n${s.samples}-f${s.functions}-d${s.maxDepth}-s${s.seed}-${GENERATOR}.pb.gz`);
    if (!existsSync(path)) {
      const tmp = `${path}.${process.pid}.tmp`;
      // The sizes that fit in memory as pprof-format objects keep the bytes they have always had.
      if (s.samples <= 300_000) writeFileSync(tmp, generateHeapProfile(s));
      else await writeHeapProfile(s, tmp);
      renameSync(tmp, path);
    }
    out.push({ name: s.name, path, samples: s.samples, bytes: statSync(path).size });
  }
  return out;
}

/** Bumped when the generator's output changes, so that cached inputs are made again. */
const GENERATOR = 'g2';

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const x of await makeInputs(process.argv[2] ?? benchCache())) console.log(x);
}
