/**
 * What the CI outputs (Markdown, JSON, budgets) read from a comparison (--base / --diff_base) or a
 * snapshot series (--leaks). Issue 9 builds those on its own branch; this file is the one place that
 * reads them, through the minimal shapes below, so its data slots in without touching the rest:
 * - a compared profile carries `meta.comparison = { kind, baseSources, normalized }` (optionally
 *   `baseTotals`, one per sample type, when the base total is known: needed for `--base`, where
 *   the base samples cancel out in the merged profile); with `--diff_base` the base samples carry
 *   pprof's label `pprof::base=true`, which is enough to find both totals;
 * - a `--leaks` run's inputs carry `leaks`, a LeakReport, of which LeakReportLike is a subset.
 */
import type { Profile } from '../model/profile.js';

export interface ComparisonMeta {
  kind: 'base' | 'diff_base';
  baseSources: string[];
  normalized: boolean;
  baseTotals?: number[];
}

export interface ComparisonFigures extends Omit<ComparisonMeta, 'baseTotals'> {
  /** New minus base: the sum of every sample value of the chosen type. */
  growth: number;
  /** null when it cannot be known (--base without `baseTotals`). */
  baseTotal: number | null;
  newTotal: number | null;
}

const BASE_LABEL = 'pprof::base';

/** The comparison behind a profile, or null for a plain profile. `vi` is the sample type index. */
export function comparisonOf(p: Profile, vi: number): ComparisonFigures | null {
  const meta = (p.meta as { comparison?: ComparisonMeta }).comparison;
  const s = p.samples;
  const isBase = s.labelSets.map((set) => (set.str[BASE_LABEL] ?? []).includes('true'));
  // Neither a comparison's figures nor a base sample: not a comparison (no pass over the samples).
  if (meta === undefined && !isBase.includes(true)) return null;
  const nv = p.sampleTypes.length;
  let baseSum = 0;
  let newSum = 0;
  let anyBase = false;
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * nv + vi]!;
    if (isBase[s.labelSet[i]!]) {
      anyBase = true;
      baseSum += v;
    } else newSum += v;
  }
  const kind = meta?.kind ?? (anyBase ? 'diff_base' : null);
  if (kind === null) return null;
  const growth = newSum + baseSum;
  let baseTotal: number | null = meta?.baseTotals?.[vi] ?? null;
  if (baseTotal === null && kind === 'diff_base') baseTotal = -baseSum;
  return {
    kind,
    baseSources: meta?.baseSources ?? [],
    normalized: meta?.normalized ?? false,
    growth,
    baseTotal,
    newTotal: baseTotal === null ? null : baseTotal + growth,
  };
}

/** The part of issue 9's LeakReport the CI outputs use. */
export interface LeakReportLike {
  snapshots: { source: string; timeNanos: number; total: number }[];
  orderedBy: 'time' | 'name';
  axis: 'minutes' | 'steps';
  sampleType: { type: string; unit: string };
  functions: LeakSiteLike[];
}

export interface LeakSiteLike {
  rank: number;
  key: string;
  frame: { name: string; file: string; line: number };
  values: number[];
  trend: { slope: number; perStep: boolean; r2: number; growth: number; grewSteps: number; steps: number; verdict: string };
}

/** Growth across a series: total of the last snapshot minus the first (null for < 2 snapshots). */
export function seriesGrowth(l: LeakReportLike): { growth: number; first: number; last: number } | null {
  if (l.snapshots.length < 2) return null;
  const first = l.snapshots[0]!.total;
  const last = l.snapshots[l.snapshots.length - 1]!.total;
  return { growth: last - first, first, last };
}
