/**
 * The trend of one allocation site across a series of snapshots, and its verdict.
 *
 * Inputs: the site's values v[0..n-1] (in-use bytes or objects), the x position of each snapshot
 * (minutes since the first snapshot, or the step index when snapshots carry no time), and the
 * largest snapshot total of the series. Thresholds live in DEFAULTS.leaks:
 *
 * - significance  S = max(minRelativeChange × peak |v|, minShareOfTotal × largest total):
 *   smaller changes are treated as no change;
 * - a step grew when v[i+1] - v[i] > stepNoise × peak (shrank: < -that);
 * - growth = v[n-1] - v[0]; late growth = v[n-1] - v[mid], mid = floor((n-1)/2);
 *   late range = max - min of v[mid..n-1];
 * - slope: least squares of v over x (per minute, or per step), R² its coefficient of determination;
 * - τ: Kendall's rank correlation of v with time (Mann-Kendall trend statistic): +1 when every later
 *   snapshot is above every earlier one. Unlike "share of steps that grew" it is not fooled by the
 *   staircase of a growing container (Go's append and V8's backing stores grow by a factor, so a
 *   leaking slice is flat between reallocations), and unlike R² it ignores how big each step is.
 *
 * Verdicts, in this order:
 * - minor change: max - min of the whole series < S (also a big site that hardly moves);
 * - growing steadily: growth ≥ S, a rising trend, R² ≥ steadyMinR2, and late growth ≥
 *   lateGrowthShare × growth (it is still growing). "A rising trend" is the Mann-Kendall test:
 *   z = (S - 1) / sqrt(n(n-1)(2n+5)/18) ≥ trendZ (one-sided 1% level; S = τ·n(n-1)/2; no tie
 *   correction, which only makes it stricter). With fewer than testMinSnapshots snapshots the test
 *   cannot reach that level even for a perfect rise, so τ ≥ steadyMinTau is accepted instead and
 *   the verdict is tentative (`tentative: true`, the text header says so);
 * - grew then flat: growth ≥ S, late growth < lateGrowthShare × growth and late range <
 *   flatLateRange × growth (a one-off step, or a rise that has levelled off);
 * - shrinking: growth ≤ -S and slope < 0;
 * - noisy: everything else (ups and downs without a trend the rules above accept).
 */
import { DEFAULTS } from '../config/defaults.js';

/** Verdicts from most to least suspicious: the order of the ranking. */
export const VERDICT_ORDER: Verdict[] = ['growing steadily', 'grew then flat', 'noisy', 'minor change', 'shrinking'];

export type Verdict = 'growing steadily' | 'grew then flat' | 'noisy' | 'minor change' | 'shrinking';

export interface Trend {
  /** Least-squares slope in value units per minute (or per step, see `perStep`). */
  slope: number;
  perStep: boolean;
  r2: number;
  growth: number;
  lateGrowth: number;
  /** Steps that grew / shrank beyond the step noise, and the number of steps (n - 1). */
  grewSteps: number;
  shrankSteps: number;
  steps: number;
  /** Kendall's τ of the values against time, in [-1, 1] (0 for fewer than 2 values). */
  tau: number;
  /** Mann-Kendall z statistic (0 for fewer than 2 values). */
  z: number;
  /** Too few snapshots for the trend test: the verdict rests on τ alone. */
  tentative: boolean;
  verdict: Verdict;
}

export type LeakThresholds = typeof DEFAULTS.leaks;

/** Least-squares fit of ys over xs: slope and R² (1 for a perfect line, 0 when flat or n < 2). */
export function leastSquares(xs: number[], ys: number[]): { slope: number; r2: number } {
  const n = xs.length;
  if (n < 2) return { slope: 0, r2: 0 };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { slope: 0, r2: 0 };
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  return { slope, r2 };
}

/** Kendall's τ-a of ys against their order (changes below `floor` count as ties). */
export function kendallTau(ys: number[], floor = 0): number {
  const n = ys.length;
  if (n < 2) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = ys[j]! - ys[i]!;
      if (d > floor) s++;
      else if (d < -floor) s--;
    }
  }
  return s / ((n * (n - 1)) / 2);
}

export function trendOf(
  values: number[],
  xs: number[],
  perStep: boolean,
  largestTotal: number,
  t: LeakThresholds = DEFAULTS.leaks,
): Trend {
  const n = values.length;
  const { slope, r2 } = leastSquares(xs, values);
  let peak = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    peak = Math.max(peak, Math.abs(v));
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const sig = Math.max(t.minRelativeChange * peak, t.minShareOfTotal * largestTotal, Number.MIN_VALUE);
  const stepFloor = t.stepNoise * peak;
  let grewSteps = 0;
  let shrankSteps = 0;
  for (let i = 1; i < n; i++) {
    const d = values[i]! - values[i - 1]!;
    if (d > stepFloor) grewSteps++;
    else if (d < -stepFloor) shrankSteps++;
  }
  const steps = Math.max(0, n - 1);
  const tau = kendallTau(values, stepFloor);
  const pairs = (n * (n - 1)) / 2;
  const z = n >= 2 ? Math.max(0, tau * pairs - 1) / Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18) : 0;
  const tentative = n < t.testMinSnapshots;
  const rising = tentative ? tau >= t.steadyMinTau : z >= t.trendZ;
  const growth = n > 0 ? values[n - 1]! - values[0]! : 0;
  const mid = Math.floor((n - 1) / 2);
  const late = values.slice(mid);
  const lateGrowth = n > 0 ? values[n - 1]! - values[mid]! : 0;
  const lateRange = late.length > 0 ? Math.max(...late) - Math.min(...late) : 0;

  let verdict: Verdict;
  if (n < 2 || max - min < sig) verdict = 'minor change';
  else if (
    growth >= sig &&
    rising &&
    (n === 2 || r2 >= t.steadyMinR2) &&
    lateGrowth >= t.lateGrowthShare * growth
  ) {
    verdict = 'growing steadily';
  } else if (growth >= sig && lateGrowth < t.lateGrowthShare * growth && lateRange < t.flatLateRange * growth) {
    verdict = 'grew then flat';
  } else if (growth <= -sig && slope < 0) verdict = 'shrinking';
  else verdict = 'noisy';
  return { slope, perStep, r2, growth, lateGrowth, grewSteps, shrankSteps, steps, tau, z, tentative, verdict };
}
