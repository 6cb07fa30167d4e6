// A run of every sample type (the HTML page) walks once for every type's figures with tags; over the
// tag table's cap (nodes × label sets) that walk gives up and the figures come without tags. That
// fallback must not ask for the tagged walk again (it once recursed until the stack overflowed).
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { reportsEveryType } from '../../../src/graph/prepare.js';
import { computeInputs, reportSource } from '../../../src/report/inputs.js';
import { synthProfile } from '../../helpers/synthetic-profile.js';

describe('every-type figures over the tag table cap', () => {
  it('builds each type’s graph and table without tags, as a one-type run does', () => {
    // 1100 functions × 1100 label sets: over the 2^20 cells the tag table may take.
    const n = 1100;
    const samples = Array.from({ length: n }, (_, i) => ({ stack: [`pkg.f${i}`, 'main.main'], values: [1, 100 + i], labels: { req: [`r${i}`] } }));
    // Two copies: the figures are memoized per profile.
    const one = computeInputs(reportSource(synthProfile(samples), { ...DEFAULTS.report }, 'x'), ['graph', 'rows']);
    const every = computeInputs(reportSource(synthProfile(samples), { ...DEFAULTS.report }, 'x'), ['view']);
    reportsEveryType(every.view.profile);
    const all = computeInputs(every, ['graph', 'rows']);
    expect(all.rows.total).toBe(one.rows.total);
    expect(all.graph.graph.nodes.length).toBe(one.graph.graph.nodes.length);
    expect(all.rows.graph.nodes.map((x) => x.info.name)).toEqual(one.rows.graph.nodes.map((x) => x.info.name));
  });
});
