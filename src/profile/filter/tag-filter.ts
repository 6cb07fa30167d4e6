import type { LabelSet } from '../../model/profile.js';
import { scale } from '../../measurement/units.js';
import { compileGoRegexp } from '../../util/go-regexp.js';
import { compileOptionRegexp } from './regexp.js';
import { own } from '../../util/dict.js';

/** An empty regexp in a comma list (pprof compiles "" too, which matches everything). */
const EVERYTHING = compileGoRegexp('');

/** Decides whether the samples of one label set pass a tag filter. */
export type LabelSetMatch = (set: LabelSet) => boolean;

/** The first two `([+-]?digits)(letters)?` matches of a filter, as pprof's tagFilterRangeRx finds them. */
function rangeParts(filter: string): { all: string; num: number; unit: string }[] {
  const out: { all: string; num: number; unit: string }[] = [];
  const rx = /([+-]?[0-9]+)([A-Za-z]+)?/g;
  let m: RegExpExecArray | null;
  while (out.length < 2 && (m = rx.exec(filter)) !== null) out.push({ all: m[0], num: Number(m[1]), unit: m[2] ?? '' });
  return out;
}

/**
 * pprof's parseTagFilterRange: `32kb` (equal), `:64kb` (at most), `4mb:` (at least), `12kb:64mb`
 * (both included). Values are compared after scaling into the filter's unit, and only when the
 * label's unit converts to it. Returns null when the filter is not a range (then it is a regexp).
 */
export function parseTagRange(filter: string): ((v: number, unit: string) => boolean) | null {
  const parts = rangeParts(filter);
  if (parts.length === 0) return null;
  const [lo, unit] = scale(parts[0]!.num, parts[0]!.unit, parts[0]!.unit);
  const inUnit = (v: number, u: string): number | null => {
    const [sv, su] = scale(v, u, unit);
    return su === unit ? sv : null;
  };
  if (parts.length === 1) {
    const match = parts[0]!.all;
    if (filter === match) return (v, u) => inUnit(v, u) === lo;
    if (filter === `${match}:`) return (v, u) => (inUnit(v, u) ?? -Infinity) >= lo;
    if (filter === `:${match}`) return (v, u) => (inUnit(v, u) ?? Infinity) <= lo;
    return null;
  }
  if (filter !== `${parts[0]!.all}:${parts[1]!.all}`) return null;
  const [hi, unit2] = scale(parts[1]!.num, parts[1]!.unit, unit);
  if (unit2 !== unit) return null;
  return (v, u) => {
    const sv = inUnit(v, u);
    return sv !== null && sv >= lo && sv <= hi;
  };
}

/**
 * pprof's compileTagFilter: `[key=]VALUE` where VALUE is a numeric range or comma-separated
 * regexps. Without a key, string filters match `key:value` and every regexp must match some label;
 * with a key, any regexp matching any value of that key is enough.
 */
export function compileTagFilter(
  option: string,
  value: string,
  numLabelUnits: Map<string, string>,
  note: (msg: string) => void,
): LabelSetMatch | null {
  if (value === '') return null;
  let wantKey = '';
  const eq = value.indexOf('=');
  if (eq >= 0) {
    wantKey = value.slice(0, eq);
    value = value.slice(eq + 1);
  }
  const range = parseTagRange(value);
  if (range) {
    note(`${option}: interpreted '${value}' as a range, not a regexp`);
    const any = (vals: number[] | undefined, key: string) => {
      const unit = numLabelUnits.get(key) ?? '';
      return (vals ?? []).some((v) => range(v, unit));
    };
    if (wantKey === '') return (set) => Object.entries(set.num).some(([k, vals]) => any(vals, k));
    return (set) => {
      const vals = own(set.num, wantKey);
      return vals !== undefined && any(vals, wantKey);
    };
  }
  const rxs = value.split(',').map((v) => compileOptionRegexp(option, v) ?? EVERYTHING);
  if (wantKey === '') {
    return (set) =>
      rxs.every((rx) => Object.entries(set.str).some(([k, vals]) => vals.some((v) => rx.test(`${k}:${v}`))));
  }
  return (set) => {
    const vals = own(set.str, wantKey);
    return vals !== undefined && rxs.some((rx) => vals.some((v) => rx.test(v)));
  };
}
