import { UsageError } from '../errors.js';
import { compileUserRegexp } from '../profile/filter/regexp.js';
import type { Matcher } from '../util/go-regexp.js';
import { parseAmount, type ParsedAmount } from './size.js';

/**
 * Budgets from the command line, parsed (syntax errors exit 2 before anything is read):
 * - `--max-total SIZE`: the report's total;
 * - `--max-flat REGEX=SIZE|P%` (repeatable): the summed flat value of the nodes whose name matches
 *   REGEX (Go/RE2 syntax, unanchored, as pprof's --focus), P% of the total;
 * - `--max-growth SIZE|P%`: growth against the base (--base/--diff_base) or across the series
 *   (--leaks), P% of the base total or of the first snapshot's total.
 */
export type BudgetKind = 'max-total' | 'max-flat' | 'max-growth';

export interface Budget {
  kind: BudgetKind;
  /** The option value as written, for messages and reports. */
  spec: string;
  limit: ParsedAmount;
  /** --max-flat only. */
  pattern?: string;
  regexp?: Matcher;
}

export interface BudgetArgs {
  maxTotal?: string;
  maxFlat?: string[];
  maxGrowth?: string;
}

export function parseBudgets(a: BudgetArgs): Budget[] {
  const out: Budget[] = [];
  if (a.maxTotal !== undefined) {
    out.push({ kind: 'max-total', spec: a.maxTotal, limit: parseAmount('--max-total', a.maxTotal) });
  }
  for (const spec of a.maxFlat ?? []) {
    const eq = spec.lastIndexOf('=');
    if (eq <= 0 || eq === spec.length - 1) {
      throw new UsageError(`invalid --max-flat ${JSON.stringify(spec)}: want REGEX=SIZE, e.g. 'main\\.query=64MiB' or 'sql=10%'`);
    }
    const pattern = spec.slice(0, eq);
    out.push({
      kind: 'max-flat',
      spec,
      pattern,
      regexp: compileUserRegexp(pattern, `parsing --max-flat regexp ${pattern}`),
      limit: parseAmount(`--max-flat ${pattern}`, spec.slice(eq + 1), { percent: true }),
    });
  }
  if (a.maxGrowth !== undefined) {
    out.push({ kind: 'max-growth', spec: a.maxGrowth, limit: parseAmount('--max-growth', a.maxGrowth, { percent: true }) });
  }
  return out;
}
