import type { LeakReport, LeakSite } from '../../compare/leaks.js';
import { label } from '../../measurement/units.js';
import { baseName } from '../../util/paths.js';
import { sparklineSvg } from '../summaries/sparkline.js';

/** Rows of the HTML report's "Leak suspects" section (function-level sites, most suspicious first). */
export interface LeakRow {
  rank: number;
  name: string;
  where: string;
  verdict: string;
  verdictClass: string;
  /** Our own SVG, built from numbers (names inside it are escaped by sparklineSvg). */
  spark: string;
  first: string;
  last: string;
  growth: string;
  slope: string;
  grew: string;
  paths: string[];
}

export interface LeakSection {
  summary: string;
  rows: LeakRow[];
  more: number;
}

const signed = (v: number, unit: string): string => (v > 0 ? `+${label(v, unit)}` : v < 0 ? `-${label(-v, unit)}` : '0');

export function leakSection(r: LeakReport, rows = 15): LeakSection {
  const unit = r.sampleType.unit;
  const per = r.axis === 'minutes' ? '/min' : '/step';
  const n = r.snapshots.length;
  const steady = r.functions.filter((s) => s.trend.verdict === 'growing steadily').length;
  const summary = `${n} snapshots of ${r.sampleType.type}, ordered by ${r.orderedBy}; ${steady} site${steady === 1 ? '' : 's'} growing steadily`;
  return {
    summary,
    rows: r.functions.slice(0, rows).map((s) => row(s, unit, per)),
    more: Math.max(0, r.functions.length - rows),
  };
}

function row(s: LeakSite, unit: string, per: string): LeakRow {
  const v = s.values;
  const where = s.frame.file !== '' ? `${baseName(s.frame.file)}${s.frame.line > 0 ? `:${s.frame.line}` : ''}` : '';
  return {
    rank: s.rank,
    name: s.frame.name,
    where,
    verdict: s.trend.verdict + (s.trend.tentative ? ' (tentative)' : ''),
    verdictClass: s.trend.verdict.replace(/[^a-z]+/g, '-'),
    spark: sparklineSvg(v, { width: 120, height: 24, title: `${s.frame.name}: ${v.map((x) => label(x, unit)).join(' → ')}` }),
    first: label(v[0] ?? 0, unit),
    last: label(v[v.length - 1] ?? 0, unit),
    growth: signed(s.trend.growth, unit),
    slope: `${signed(Math.round(s.trend.slope), unit)}${per}`,
    grew: `${s.trend.grewSteps}/${s.trend.steps}`,
    paths: s.paths.slice(0, 3).map((p) => `${p.frames.join(' → ')}  (${label(p.value, unit)}, ${signed(p.growth, unit)})`),
  };
}
