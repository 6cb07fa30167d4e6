/**
 * `--leaks`: ranks allocation sites by growth across a series of heap snapshots.
 *
 * The result (`LeakReport`) is plain data for the text table (src/report/text/leaks-text.ts) and the
 * HTML report's leak section (one row per site with its series, trend and verdict; sparklines via
 * src/report/summaries/sparkline.ts).
 */
import { DEFAULTS } from '../config/defaults.js';
import { InputError, UserError } from '../errors.js';
import { checkCompatible } from '../profile/merge.js';
import { scaleProfiles } from '../profile/scale.js';
import type { Profile, ValueType } from '../model/profile.js';
import { resolveSampleIndex } from '../graph/analysis.js';
import { pathsTo, sitesOf, type Frame, type SiteValues } from './sites.js';
import { trendOf, VERDICT_ORDER, type LeakThresholds, type Trend } from './trend.js';

export interface LeakSnapshot {
  source: string;
  /** 0 when the profile carries no time. */
  timeNanos: number;
  /** Σ of the chosen value over all samples. */
  total: number;
  objectsTotal: number | null;
}

export interface LeakPath {
  /** Root first, site last. */
  frames: string[];
  /** Value of this stack in the last snapshot, and its change since the first. */
  value: number;
  growth: number;
}

export interface LeakSite {
  /** 1-based rank within its level. */
  rank: number;
  level: 'function' | 'line';
  key: string;
  frame: Frame;
  /** One value per snapshot, in series order (0 where the site is absent). */
  values: number[];
  objects: number[] | null;
  trend: Trend;
  /** Heaviest stacks ending at the site (only for the top suspects at function level). */
  paths: LeakPath[];
}

export interface LeakReport {
  snapshots: LeakSnapshot[];
  /** How snapshots were ordered: by profile time, or by name when some have none. */
  orderedBy: 'time' | 'name';
  /** x axis of the trend: minutes since the first snapshot, or snapshot steps. */
  axis: 'minutes' | 'steps';
  sampleType: ValueType;
  objectsType: ValueType | null;
  /** Ranked: by verdict (VERDICT_ORDER: steady growers first), then slope descending, growth, name. */
  functions: LeakSite[];
  lines: LeakSite[];
  thresholds: LeakThresholds;
}

/** For leaks the in-use figures matter: default to inuse_space (or space) when the profile has it. */
export function leakValueIndex(p: Profile, sampleIndex: string): number {
  if (sampleIndex === '') {
    const types = p.sampleTypes.map((t) => t.type);
    for (const want of ['inuse_space', 'space']) {
      const i = types.indexOf(want);
      if (i >= 0) return i;
    }
  }
  return resolveSampleIndex(p, sampleIndex);
}

/** The objects column paired with a space column (inuse_space → inuse_objects, space → objects). */
function objectsIndex(p: Profile, vi: number): number {
  const t = p.sampleTypes[vi]!.type;
  if (!t.endsWith('space')) return -1;
  return p.sampleTypes.findIndex((x) => x.type === `${t.slice(0, -5)}objects`);
}

/** Orders the snapshots by time when all have one, else by name (numeric-aware). */
export function orderSeries(ps: Profile[], names: string[]): { order: number[]; by: 'time' | 'name' } {
  const idx = ps.map((_, i) => i);
  const byName = (a: number, b: number) => names[a]!.localeCompare(names[b]!, 'en', { numeric: true });
  if (ps.every((p) => p.timeNanos !== 0)) {
    return { order: idx.sort((a, b) => ps[a]!.timeNanos - ps[b]!.timeNanos || byName(a, b)), by: 'time' };
  }
  return { order: idx.sort(byName), by: 'name' };
}

export function analyzeLeaks(profiles: Profile[], names: string[], sampleIndex: string, t: LeakThresholds = DEFAULTS.leaks): LeakReport {
  const { order, by } = orderSeries(profiles, names);
  // One kind of profile throughout, in one unit (the same checks as a merge).
  let ps: Profile[];
  try {
    ps = scaleProfiles(order.map((i) => profiles[i]!));
    checkCompatible(ps);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(`--leaks: the snapshots are not one kind of profile: ${e.message}`);
  }
  const srcs = order.map((i) => names[i]!);
  const vi0 = leakValueIndex(ps[0]!, sampleIndex);
  const sampleType = ps[0]!.sampleTypes[vi0]!;
  const oi0 = objectsIndex(ps[0]!, vi0);
  const objectsType = oi0 >= 0 ? ps[0]!.sampleTypes[oi0]! : null;

  const perSnap = ps.map((p, k) => {
    const vi = p.sampleTypes.findIndex((x) => x.type === sampleType.type && x.unit === sampleType.unit);
    if (vi < 0) throw new InputError(srcs[k]!, `has no sample type ${sampleType.type} (${sampleType.unit}) like ${srcs[0]}: a series must hold one kind of profile`);
    const oi = objectsType ? p.sampleTypes.findIndex((x) => x.type === objectsType.type) : -1;
    const sites = sitesOf(p, vi, oi);
    const nv = p.sampleTypes.length;
    let total = 0;
    let objectsTotal = 0;
    for (let i = 0; i < p.samples.count; i++) {
      total += p.samples.values[i * nv + vi]!;
      if (oi >= 0) objectsTotal += p.samples.values[i * nv + oi]!;
    }
    return { vi, sites, snap: { source: srcs[k]!, timeNanos: p.timeNanos, total, objectsTotal: oi >= 0 ? objectsTotal : null } };
  });

  const axis = by === 'time' && ps[ps.length - 1]!.timeNanos > ps[0]!.timeNanos ? 'minutes' : 'steps';
  const xs = ps.map((p, k) => (axis === 'minutes' ? (p.timeNanos - ps[0]!.timeNanos) / 60e9 : k));
  const largestTotal = Math.max(...perSnap.map((s) => Math.abs(s.snap.total)));

  const rank = (level: 'function' | 'line'): LeakSite[] => {
    const keys = new Map<string, Frame>();
    for (const s of perSnap) for (const [k, v] of level === 'function' ? s.sites.functions : s.sites.lines) if (!keys.has(k)) keys.set(k, v.frame);
    const sites: LeakSite[] = [];
    for (const [key, frame] of keys) {
      const at = (s: (typeof perSnap)[number]): SiteValues | undefined => (level === 'function' ? s.sites.functions : s.sites.lines).get(key);
      const values = perSnap.map((s) => at(s)?.value ?? 0);
      const objects = objectsType ? perSnap.map((s) => at(s)?.objects ?? 0) : null;
      sites.push({ rank: 0, level, key, frame, values, objects, trend: trendOf(values, xs, axis === 'steps', largestTotal, t), paths: [] });
    }
    const group = (x: LeakSite) => VERDICT_ORDER.indexOf(x.trend.verdict);
    sites.sort(
      (a, b) =>
        group(a) - group(b) ||
        b.trend.slope - a.trend.slope ||
        b.trend.growth - a.trend.growth ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    sites.forEach((s, i) => (s.rank = i + 1));
    return sites;
  };
  const functions = rank('function');
  const lines = rank('line');

  // Call paths for the top suspects: growing sites first in rank order.
  const last = ps.length - 1;
  const firstSnap = ps[0]!;
  const suspicious = (s: LeakSite) => s.trend.verdict === 'growing steadily' || s.trend.verdict === 'grew then flat';
  for (const site of functions.filter(suspicious).slice(0, t.suspects)) {
    const now = pathsTo(ps[last]!, perSnap[last]!.vi, 'function', site.key);
    const then = pathsTo(firstSnap, perSnap[0]!.vi, 'function', site.key);
    site.paths = [...now.entries()]
      .map(([k, e]) => ({ frames: e.frames, value: e.value, growth: e.value - (then.get(k)?.value ?? 0) }))
      .sort((a, b) => b.value - a.value || b.growth - a.growth)
      .slice(0, t.pathsPerSuspect);
  }
  return {
    snapshots: perSnap.map((s) => s.snap),
    orderedBy: by,
    axis,
    sampleType,
    objectsType,
    functions,
    lines,
    thresholds: t,
  };
}
