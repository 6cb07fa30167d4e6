import { analyze } from '../graph/analysis.js';
import { comparisonOf, leaksOf, seriesGrowth } from '../report/summaries/compare-info.js';
import type { RenderContext } from '../report/context.js';
import type { BudgetFacts } from './check.js';

/**
 * The figures budgets apply to, for the sample type being reported:
 * - total: the report's total (pprof's "of X total"); in a comparison, the new profile's total;
 *   with --leaks, the last snapshot's;
 * - nodes: every node of the untrimmed graph (as `--text --trim=false`, after --focus/--ignore/…
 *   filters), so budgets never depend on --nodecount or --nodefraction;
 * - growth: new minus base (--base/--diff_base), or last minus first snapshot total (--leaks).
 */
export function budgetFacts(ctx: RenderContext): BudgetFacts {
  const a = ctx.rows();
  // The filtered profile (--focus, --ignore…), untrimmed: budgets see what the report is about.
  const full = ctx.memo('budget:untrimmed', () => {
    const v = ctx.view();
    return analyze(v.profile, { ...ctx.config, trim: false }, 'rows', { total: v.total, activeFilters: v.activeFilters });
  });
  const cmp = comparisonOf(ctx.profile, a.valueIndex);
  const leaks = leaksOf(ctx);
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
