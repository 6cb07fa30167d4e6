import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simplifyFunc } from '../../../src/profile/prune.js';

/**
 * The name drop_frames, keep_frames and prune_from are matched against: pprof's simplifyFunc, as
 * the profile package's PruneFrom showed it to test/regexp/gen/main.go (test/regexp/go-cases.json).
 */
const table = JSON.parse(readFileSync(new URL('../../regexp/go-cases.json', import.meta.url), 'utf8')) as {
  simplify: { name: string; simplified: string }[];
};

describe('simplifyFunc as pprof', () => {
  for (const r of table.simplify) {
    it(`${JSON.stringify(r.name)} → ${JSON.stringify(r.simplified)}`, () => {
      expect(simplifyFunc(r.name)).toBe(r.simplified);
    });
  }
});
