import { comparisonOf, seriesGrowth, type LeakReportLike } from '../compare/compare-info.js';
import type { ReportConfig } from '../config/defaults.js';
import { analyze, type Analysis } from '../graph/analysis.js';
import type { View } from '../graph/view.js';
import type { Profile } from '../model/profile.js';
import type { BudgetFacts } from './check.js';

/**
 * What budgets read: the report's inputs (src/report/inputs.ts, needs `BUDGET_NEEDS`), named here
 * by their shape so that budgets depend on nothing in report/ (the summaries report budgets).
 */
export interface BudgetInputs {
  profile: Profile;
  config: ReportConfig;
  view: View;
  rows: Analysis;
  leaks: LeakReportLike | null;
}

/** The inputs budgets read, in the order they have always been computed (remarks come in that order). */
export const BUDGET_NEEDS = ['view', 'rows', 'leaks'] as const;

/**
 * The figures budgets apply to, for the sample type being reported:
 * - total: the report's total (pprof's "of X total"); in a comparison, the new profile's total;
 *   with --leaks, the last snapshot's;
 * - nodes: every node of the untrimmed graph (as `--text --trim=false`, after --focus/--ignore/…
 *   filters), so budgets never depend on --nodecount or --nodefraction;
 * - growth: new minus base (--base/--diff_base), or last minus first snapshot total (--leaks).
 */
export function budgetFacts(inputs: BudgetInputs): BudgetFacts {
  const a = inputs.rows;
  // The filtered profile (--focus, --ignore…), untrimmed: budgets see what the report is about.
  const v = inputs.view;
  const full = analyze(v.profile, { ...inputs.config, trim: false }, 'rows', { total: v.total, activeFilters: v.activeFilters });
  const cmp = comparisonOf(inputs.profile, a.valueIndex);
  const leaks = inputs.leaks;
  let growth: BudgetFacts['growth'] = null;
  if (cmp) growth = { value: cmp.growth, base: cmp.baseTotal, against: `vs base ${cmp.baseSources.join(', ') || '(base)'}` };
  else if (leaks) {
    const g = seriesGrowth(leaks);
    if (g) growth = { value: g.growth, base: g.first, against: `across ${leaks.snapshots.length} snapshots (total, first to last)` };
  }
  return {
    sampleType: a.sampleType.type,
    unit: a.sampleType.unit,
    total: cmp ? cmp.newTotal : a.total,
    nodes: full.graph.nodes.map((n) => ({ name: n.name, flat: n.flat })),
    growth,
  };
}
