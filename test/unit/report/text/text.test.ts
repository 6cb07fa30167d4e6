// The `rows` input is the top table with only the edges its "(inline)" marks need (buildKeptGraph);
// `table` has every edge (pprof's rebuild). Text and the HTML rows read the former: the two
// must print the same table for every profile, sample type and trimming option.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { subtractBase } from '../../../../src/profile/diff.js';
import { DEFAULTS, type ReportConfig } from '../../../../src/config/defaults.js';
import { parseProfile } from '../../../../src/ingest/parse.js';
import type { Profile } from '../../../../src/model/profile.js';
import { computeInputs, reportSource } from '../../../../src/report/inputs.js';
import { renderText } from '../../../../src/report/text/text.js';
import { ROOT } from '../../../helpers/cli.js';

const load = (f: string): Profile => parseProfile(readFileSync(join(ROOT, f)), f, { maxInflate: DEFAULTS.maxInflate });

const PROFILES: [string, () => Profile][] = [
  ...['samples/inline.pb.gz', 'samples/labels.pb.gz', 'samples/recursion.pb.gz', 'samples/allocs.pb.gz', 'samples/sizes.pb.gz', 'samples/workload/leak.pb.gz', 'samples/workload/leak.prof'].map(
    (f): [string, () => Profile] => [f, () => load(f)],
  ),
  ['leak − fixed (a diff: negative values)', () => subtractBase(load('samples/workload/leak.pb.gz'), load('samples/workload/fixed.pb.gz'), { diff: false, normalize: false })],
  // Inlined frames in a diff: negative nodes and nodes whose values cancel out sit between callers
  // and inlined callees (the edges of the untrimmed graph go through them; a rebuild's skip them).
  ['inline − its samples scaled by 0…2 (a diff with inlined frames)', () => inlineDiff()],
];

function inlineDiff(): Profile {
  const p = load('samples/inline.pb.gz');
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const nv = p.sampleTypes.length;
  const values = p.samples.values.slice();
  for (let i = 0; i < p.samples.count; i++) {
    const k = Math.floor(rand() * 3); // 0, 1 or 2 times the sample: it becomes +v, 0 or −v
    for (let j = 0; j < nv; j++) values[i * nv + j] = values[i * nv + j]! * k;
  }
  return subtractBase(p, { ...p, samples: { ...p.samples, values } }, { diff: false, normalize: false });
}

const OPTIONS: Partial<ReportConfig>[] = [
  {},
  { edgeFraction: 0.05 },
  { edgeFraction: 0.3 },
  { nodeFraction: 0, edgeFraction: 0 },
  { nodeFraction: 0.05 },
  { nodeCount: 4 },
  { nodeCount: 4, sort: 'cum' },
  { trim: false },
  { granularity: 'lines' },
  { granularity: 'files' },
  { noInlines: true },
  { dropNegative: true },
  { focus: 'main|sql' },
];

describe('rows() prints the same text table as table()', () => {
  for (const [name, make] of PROFILES) {
    it(name, () => {
      const p = make();
      let marked = 0;
      for (const extra of OPTIONS) {
        for (let i = 0; i < p.sampleTypes.length; i++) {
          const config = { ...DEFAULTS.report, ...extra, sampleIndex: String(i) };
          const rows = renderText(computeInputs(reportSource(p, config, 'x'), ['rows']).rows);
          const table = renderText(computeInputs(reportSource(p, config, 'x'), ['table']).table);
          expect(rows, `${JSON.stringify(extra)} sample_index=${i}`).toBe(table);
          if (/\((partial-)?inline\)$/m.test(rows)) marked++;
        }
      }
      // The inline sample's tables do mark inlined functions (the case rows() must get right).
      if (name.startsWith('samples/inline.pb.gz') || name.startsWith('inline −')) expect(marked).toBeGreaterThan(10);
    });
  }

  it('rows() is table() when the table is already built', () => {
    const withTable = computeInputs(reportSource(load('samples/inline.pb.gz'), DEFAULTS.report, 'x'), ['table']);
    expect(computeInputs(withTable, ['rows']).rows).toBe(withTable.table);
  });
});
