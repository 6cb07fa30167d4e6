import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './cli.js';

/** gen-report's own goldens (not pprof's): test/goldens/ours/. */
export const OURS = join(ROOT, 'test/goldens/ours');

/**
 * Compares `actual` with the golden file `name` under test/goldens/ours/. With UPDATE_GOLDENS=1 the
 * file is (re)written instead: `UPDATE_GOLDENS=1 npx vitest run test/unit/report/summaries/markdown.test.ts`, then review
 * the diff with git before committing.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(OURS, name);
  if (process.env['UPDATE_GOLDENS'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden ${name} is missing: run UPDATE_GOLDENS=1 npx vitest run <this test> and review it`);
  expect(actual, `golden ${name} (UPDATE_GOLDENS=1 rewrites it)`).toBe(readFileSync(path, 'utf8'));
}
