import type { LabelSet, Profile } from '../../model/profile.js';
import { stackOf } from '../../model/profile.js';
import type { ReportInputs } from '../inputs.js';
import { own } from '../../util/dict.js';

/**
 * pprof's `-raw`: the profile as loaded (merged, base subtracted, filtered; addresses and lines
 * kept whatever the granularity, as `go tool pprof -raw` prints them) as google/pprof's
 * Profile.String() prints it. pprof has merged the profile first
 * (profile.Merge, as its fetch does for every source), which numbers mappings (the first one
 * first), locations and functions in the order the samples meet them and adds up equal samples:
 * the same numbering here, so the ids match `go tool pprof -raw`.
 */
export function renderRaw(inputs: ReportInputs<'view'>): string {
  const shown = inputs.view.profile;
  // pprof merged (and so numbered) the profile before filtering it: number from the unfiltered
  // samples when the filters left the tables as they were (they drop samples or frames).
  const p = inputs.profile;
  const same = p.locations.length === shown.locations.length && p.functions.length === shown.functions.length && p.mappings.length === shown.mappings.length;
  return profileString(shown, same ? p : shown);
}

const hex = (n: number) => `0x${Math.max(0, n).toString(16)}`;

/** Go's time.Time.String() of Unix nanoseconds, in the local zone as `time.Unix(0, ns)`. */
function goTime(ns: number): string {
  const ms = Math.floor(ns / 1e6);
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const local = new Date(ms + off * 60000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const frac = String(Math.round(ns - Math.floor(ns / 1e9) * 1e9)).padStart(9, '0').replace(/0+$/, '');
  const sign = off < 0 ? '-' : '+';
  const zone = `${sign}${p(Math.floor(Math.abs(off) / 60))}${p(Math.abs(off) % 60)}`;
  return (
    `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())} ` +
    `${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}${frac ? `.${frac}` : ''} ${zone} ${off === 0 ? 'UTC' : zone}`
  );
}

/** Go's time.Duration.String(). */
function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  const trim = (s: string) => s.replace(/\.?0+$/, '');
  let out: string;
  if (u < 1e3) out = `${u}ns`;
  else if (u < 1e6) out = `${trim((u / 1e3).toFixed(3))}µs`;
  else if (u < 1e9) out = `${trim((u / 1e6).toFixed(6))}ms`;
  else {
    const h = Math.floor(u / 3.6e12);
    u -= h * 3.6e12;
    const m = Math.floor(u / 6e10);
    u -= m * 6e10;
    const s = `${trim((u / 1e9).toFixed(9))}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

function labelKey(set: LabelSet): string {
  return JSON.stringify([Object.entries(set.str).sort(), Object.entries(set.num).sort(), Object.entries(set.numUnit).sort()]);
}

/** `p` printed; `order` (the same tables: `p` before filtering) decides the numbering. */
export function profileString(p: Profile, order: Profile = p): string {
  // pprof's Merge numbering: the first mapping first, then as the samples meet them.
  const mapId = new Map<number, number>();
  const mappings: number[] = [];
  const mapMapping = (m: number) => {
    if (m < 0) return 0;
    let id = mapId.get(m);
    if (id === undefined) {
      mappings.push(m);
      id = mappings.length;
      mapId.set(m, id);
    }
    return id;
  };
  if (p.mappings.length > 0) mapMapping(0);
  const funcId = new Map<number, number>();
  const funcs: number[] = [];
  const funcKey = new Map<string, number>();
  const mapFunc = (f: number) => {
    if (f < 0) return 0;
    let id = funcId.get(f);
    if (id !== undefined) return id;
    const fn = p.functions[f]!;
    const k = JSON.stringify([fn.startLine, fn.name, fn.systemName, fn.filename]);
    id = funcKey.get(k);
    if (id === undefined) {
      funcs.push(f);
      id = funcs.length;
      funcKey.set(k, id);
    }
    funcId.set(f, id);
    return id;
  };
  const locId = new Map<number, number>();
  const locs: { loc: number; mapping: number; fnIds: number[] }[] = [];
  const locKey = new Map<string, number>();
  const mapLoc = (l: number) => {
    let id = locId.get(l);
    if (id !== undefined) return id;
    const loc = p.locations[l]!;
    const mapping = mapMapping(loc.mapping);
    const fnIds = loc.lines.map((ln) => mapFunc(ln.func));
    const start = loc.mapping >= 0 ? p.mappings[loc.mapping]!.start : 0;
    const k = JSON.stringify([loc.address - start, mapping, loc.isFolded, fnIds, loc.lines.map((ln) => ln.line)]);
    id = locKey.get(k);
    if (id === undefined) {
      locs.push({ loc: l, mapping, fnIds });
      id = locs.length;
      locKey.set(k, id);
    }
    locId.set(l, id);
    return id;
  };
  if (order !== p) {
    for (let i = 0; i < order.samples.count; i++) {
      const nvo = order.sampleTypes.length;
      let zero = true;
      for (let j = 0; j < nvo; j++) if (Math.round(order.samples.values[i * nvo + j]!) !== 0) zero = false;
      if (!zero) for (const l of stackOf(order, i)) mapLoc(l);
    }
  }
  const nv = p.sampleTypes.length;
  const samples: { ids: number[]; values: number[]; set: LabelSet }[] = [];
  const sampleKey = new Map<string, number>();
  const setKeys: (string | undefined)[] = [];
  for (let i = 0; i < p.samples.count; i++) {
    const values = Array.from({ length: nv }, (_, j) => Math.round(p.samples.values[i * nv + j]!));
    if (values.every((v) => v === 0)) continue; // pprof's Merge drops zero samples
    const ids = Array.from(stackOf(p, i), mapLoc);
    const si = p.samples.labelSet[i]!;
    const set = p.samples.labelSets[si]!;
    // Once per label set: samples share few, and their dictionaries (util/dict.ts) are slow to walk.
    const k = `${ids.join(',')}|${(setKeys[si] ??= labelKey(set))}`;
    const at = sampleKey.get(k);
    if (at !== undefined) {
      const s = samples[at]!;
      for (let j = 0; j < nv; j++) s.values[j]! += values[j]!;
      continue;
    }
    sampleKey.set(k, samples.length);
    samples.push({ ids, values, set });
  }

  const ss: string[] = [];
  for (const c of p.comments) ss.push(`Comment: ${c}`);
  if (p.periodType) ss.push(`PeriodType: ${p.periodType.type} ${p.periodType.unit}`);
  ss.push(`Period: ${Math.round(p.period)}`);
  if (p.timeNanos !== 0) ss.push(`Time: ${goTime(p.timeNanos)}`);
  if (p.durationNanos !== 0) ss.push(`Duration: ${[...goDuration(p.durationNanos)].slice(0, 4).join('')}`);
  ss.push('Samples:');
  ss.push(p.sampleTypes.map((t) => `${t.type}/${t.unit}${t.type === p.defaultSampleType ? '[dflt]' : ''}`).join(' ').trim());
  const header = ' '.repeat(16);
  for (const s of samples) {
    let line = '';
    for (const v of s.values) line += ` ${String(v).padStart(10)}`;
    line += ': ';
    for (const id of s.ids) line += `${id} `;
    ss.push(line);
    const str = Object.entries(s.set.str).map(([k, v]) => `${k}:[${v.join(' ')}]`);
    if (str.length > 0) ss.push(header + str.sort().join(' '));
    const num = Object.entries(s.set.num).map(([k, v]) => {
      const units = own(s.set.numUnit, k) ?? [];
      return units.length === v.length && units.some((u) => u !== '') ? `${k}:[${v.map((x, i) => `${x} ${units[i]}`).join(' ')}]` : `${k}:[${v.join(' ')}]`;
    });
    if (num.length > 0) ss.push(header + num.sort().join(' '));
  }
  ss.push('Locations');
  locs.forEach(({ loc, mapping, fnIds }, i) => {
    const l = p.locations[loc]!;
    let locStr = `${String(i + 1).padStart(6)}: ${hex(l.address)} `;
    if (mapping > 0) locStr += `M=${mapping} `;
    if (l.isFolded) locStr += '[F] ';
    if (l.lines.length === 0) ss.push(locStr);
    l.lines.forEach((ln, j) => {
      let s = '??';
      if (fnIds[j]! > 0) {
        const fn = p.functions[ln.func]!;
        s = `${fn.name} ${fn.filename}:${ln.line} s=${fn.startLine}`;
        if (fn.name !== fn.systemName) s += `(${fn.systemName})`;
      }
      ss.push(locStr + s);
      locStr = ' '.repeat(13);
    });
  });
  ss.push('Mappings');
  mappings.forEach((m, i) => {
    const mp = p.mappings[m]!;
    const bits = `${mp.hasFunctions ? '[FN]' : ''}${mp.hasFilenames ? '[FL]' : ''}${mp.hasLineNumbers ? '[LN]' : ''}${mp.hasInlineFrames ? '[IN]' : ''}`;
    ss.push(`${i + 1}: ${hex(mp.start)}/${hex(mp.limit)}/${hex(mp.offset)} ${mp.file} ${mp.buildId} ${bits}`);
  });
  return `${ss.join('\n')}\n`;
}
