import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGoRegexp } from '../../../src/util/go-regexp.js';

/**
 * The regexp table: every row's answer comes from Go 1.19's regexp package (test/regexp/gen/main.go
 * wrote test/regexp/go-cases.json). gen-report's engine must give the same compile error text, the
 * same MatchString answer and the same FindString match.
 */
interface Row {
  pattern: string;
  input?: string;
  match?: boolean;
  find?: string;
  error?: string;
}

const table = JSON.parse(readFileSync(new URL('../../regexp/go-cases.json', import.meta.url), 'utf8')) as { go: string; cases: Row[] };
const short = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

describe(`Go regexp table (${table.go}, ${table.cases.length} rows)`, () => {
  it('has the cases the issue names', () => {
    const patterns = new Set(table.cases.map((r) => r.pattern));
    for (const p of ['main\\z', '\\Amain', '\\Q*.+\\E', '^\\pL+$', '^[[:alpha:]]+$', 'a(?i)b', '(?i:A)b', '(?U)a+', '(?<=a)b', 'x{1001}', '(a+)+', '(a+)+$']) {
      expect(patterns.has(p), p).toBe(true);
    }
    expect(table.cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const r of table.cases) {
    if (r.error !== undefined) {
      it(`refuses ${short(r.pattern)} as Go does`, () => {
        let message = '';
        try {
          compileGoRegexp(r.pattern);
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).toBe(r.error);
      });
    } else {
      it(`${short(r.pattern)} on ${short(r.input!)}: ${r.match ? 'match' : 'no match'}`, () => {
        const m = compileGoRegexp(r.pattern);
        expect(m.test(r.input!)).toBe(r.match);
        expect(m.find(r.input!)).toBe(r.find ?? null);
      });
    }
  }
});
