import type { ReportConfig } from '../config/defaults.js';
import { UsageError } from '../errors.js';
import { activeFilters, applyFilters, compileFilters } from '../profile/filter/apply.js';
import { compileSymbolRegexp } from '../profile/filter/regexp.js';
import { computeTotal, sampleWeights } from './prepare.js';
import type { Profile } from '../model/profile.js';
import { resolveSampleIndex } from './analysis.js';
import type { Matcher } from '../util/go-regexp.js';

/** The profile a report shows: filtered, with the total its percentages are of. */
export interface View {
  /** The profile after --focus, --ignore, …, --prune_from. */
  profile: Profile;
  /** pprof's report total: of the unfiltered profile, or of the filtered one with --relative_percentages. */
  total: number;
  valueIndex: number;
  activeFilters: string[];
  /** Compiled --peek / --list regexps (null when not requested). */
  peek: Matcher | null;
  list: Matcher | null;
}

function totalOf(p: Profile, valueIndex: number): number {
  return computeTotal(p, sampleWeights(p, valueIndex));
}

/**
 * pprof's generateRawReport up to the report: with --relative_percentages the filters run first,
 * else the total is taken first and the filters after. Every regexp is compiled before any work,
 * in pprof's order, so a bad one is a UsageError naming it. `warn` gets pprof's stderr remarks.
 */
export function makeView(p: Profile, config: ReportConfig, warn: (msg: string) => void): View {
  const relative = config.relativePercentages;
  if (relative) p = applyFilters(p, compileFilters(p, config, warn), warn);
  const valueIndex = resolveSampleIndex(p, config.sampleIndex);
  if (!(config.divideBy !== 0)) throw new UsageError('zero divisor specified');
  const peek = config.peek !== '' ? compileSymbolRegexp(config.peek) : null;
  const list = config.list !== '' ? compileSymbolRegexp(config.list) : null;
  const total = totalOf(p, valueIndex);
  if (!relative) p = applyFilters(p, compileFilters(p, config, warn), warn);
  return { profile: p, total, valueIndex, activeFilters: activeFilters(config), peek, list };
}
