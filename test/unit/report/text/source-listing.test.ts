import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../../src/config/defaults.js';
import { parseProfile } from '../../../../src/ingest/parse.js';
import { sourceListing } from '../../../../src/report/text/source-listing.js';
import { ROOT } from '../../../helpers/cli.js';

describe('source listing data (for --list and the HTML report)', () => {
  it("gives per-line flat/cum of the workload's main.query from its Go source", () => {
    const p = parseProfile(readFileSync(`${ROOT}samples/workload/leak.pb.gz`), 'leak.pb.gz', {
      maxInflate: DEFAULTS.maxInflate,
    });
    const [fn] = sourceListing(p, { ...DEFAULTS.report }, /^main\.query$/, {
      valueIndex: 3,
      sourcePath: `${ROOT}workload/go`,
      trimPath: 'userleak',
    });
    const r = fn!.routines[0]!;
    expect(r.file).toBe('main.go');
    expect(r.error).toBeUndefined();
    const flat = r.lines.reduce((s, l) => s + l.flat, 0);
    expect(flat).toBe(r.flat);
    const hot = r.lines.reduce((a, b) => (b.flat > a.flat ? b : a));
    expect(hot.text).toContain('&User{');
  });
});
