import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateHeapProfile } from './gen-profile.js';

/** The bench's generated inputs: a large (~8 MB gzipped, ~270k samples) and a medium (~1 MB) profile. */
export const SIZES = [
  { name: 'medium', samples: 34_000, functions: 600, maxDepth: 32, seed: 7 },
  { name: 'large', samples: 270_000, functions: 600, maxDepth: 32, seed: 42 },
];

export function makeInputs(dir: string): { name: string; path: string; samples: number; bytes: number }[] {
  mkdirSync(dir, { recursive: true });
  return SIZES.map((s) => {
    const bytes = generateHeapProfile(s);
    const path = join(dir, `${s.name}.pb.gz`);
    writeFileSync(path, bytes);
    return { name: s.name, path, samples: s.samples, bytes: bytes.length };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const x of makeInputs(process.argv[2] ?? 'bench/.data')) console.log(x);
}
