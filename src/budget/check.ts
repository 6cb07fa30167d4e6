import { UsageError } from '../errors.js';
import { label } from '../measurement/units.js';
import type { Budget, BudgetKind } from './spec.js';

/** The figures budgets are checked against, in the unit of the reported sample type. */
export interface BudgetFacts {
  /** Sample type name and unit (`inuse_space`, `bytes`). */
  sampleType: string;
  unit: string;
  /** The total budgets read: the report's total, or the new profile's total in a comparison (null if unknown). */
  total: number | null;
  /** Flat value of every node of the untrimmed graph (same granularity as the report). */
  nodes: { name: string; flat: number }[];
  /** Growth against a base or across a series; null when the run compares nothing. */
  growth: { value: number; base: number | null; against: string } | null;
}

export interface BudgetVerdict {
  kind: BudgetKind;
  spec: string;
  /** What was measured, in words: "total", "flat of nodes matching /re/", "growth vs base". */
  subject: string;
  limit: number;
  actual: number;
  ok: boolean;
  /** --max-flat: names of the matching nodes with a non-zero flat value, heaviest first. */
  matched?: string[];
}

const isBytes = (unit: string) => /^(b|bytes?)$/i.test(unit);

function limitOf(b: Budget, facts: BudgetFacts, percentOf: number | null, percentName: string): number {
  const { value, kind } = b.limit;
  if (kind === 'bytes' && !isBytes(facts.unit)) {
    throw new UsageError(
      `--${b.kind} ${b.spec}: ${b.spec.slice(b.spec.lastIndexOf('=') + 1)} is a size, but the reported sample type ${facts.sampleType} is in ${facts.unit}, not bytes: give a plain number (or a space sample type with --sample_index)`,
    );
  }
  if (kind !== 'percent') return value;
  if (percentOf === null) throw new UsageError(`--${b.kind} ${b.spec}: a percentage needs ${percentName}, which is unknown here; give a size`);
  return value * Math.abs(percentOf);
}

/** Checks every budget. Throws a UsageError (exit 2) for budgets that cannot apply to this run. */
export function checkBudgets(budgets: Budget[], facts: BudgetFacts): BudgetVerdict[] {
  return budgets.map((b): BudgetVerdict => {
    switch (b.kind) {
      case 'max-total': {
        if (facts.total === null) {
          throw new UsageError('--max-total: the total of the new profile is unknown with --base; use --diff_base, or --max-growth');
        }
        const limit = limitOf(b, facts, null, '');
        return { kind: b.kind, spec: b.spec, subject: 'total', limit, actual: facts.total, ok: facts.total <= limit };
      }
      case 'max-flat': {
        const hits = facts.nodes.filter((n) => b.regexp!.test(n.name) && n.flat !== 0);
        hits.sort((x, y) => y.flat - x.flat || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
        const actual = hits.reduce((s, n) => s + n.flat, 0);
        const limit = limitOf(b, facts, facts.total, 'the total');
        const subject = `flat of nodes matching /${b.pattern}/`;
        return { kind: b.kind, spec: b.spec, subject, limit, actual, ok: actual <= limit, matched: hits.map((n) => n.name) };
      }
      case 'max-growth': {
        const g = facts.growth;
        if (g === null) {
          throw new UsageError('--max-growth needs something to compare: --base OLD, --diff_base OLD, or --leaks s1 s2 … sN');
        }
        const limit = limitOf(b, facts, g.base, `the base total (${g.against})`);
        return { kind: b.kind, spec: b.spec, subject: `growth ${g.against}`, limit, actual: g.value, ok: g.value <= limit };
      }
    }
  });
}

/** One stderr line per breach: which budget, the figure, and by how much it is over. */
export function breachLine(v: BudgetVerdict, unit: string): string {
  const f = (x: number) => label(x, unit);
  const over = v.actual - v.limit;
  const pct = v.limit > 0 ? ` (${Math.round((v.actual / v.limit) * 100)}% of the budget)` : '';
  const who = v.matched && v.matched.length > 0 ? ` [${v.matched.slice(0, 3).join(', ')}${v.matched.length > 3 ? `, +${v.matched.length - 3} more` : ''}]` : '';
  // The limit as the user wrote it (`4MiB`, not pprof's `4MB` for the same bytes); a percentage
  // with what it came to.
  const written = (v.kind === 'max-flat' ? v.spec.slice(v.spec.lastIndexOf('=') + 1) : v.spec).trim();
  const limit = written.endsWith('%') ? `${written} (${f(v.limit)})` : written;
  return `gen-report: budget breached: --${v.kind} ${v.spec}: ${v.subject}${who} is ${f(v.actual)}, ${f(over)} over the limit of ${limit}${pct}`;
}
