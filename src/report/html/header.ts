import { DEFAULTS, type ReportConfig } from '../../config/defaults.js';
import { label } from '../../measurement/units.js';
import type { Comparison, MemStat, Profile } from '../../model/profile.js';
import { own } from '../../util/dict.js';

export interface Fact {
  label: string;
  value: string;
}

export interface MemStatRow extends MemStat {
  /** Human-readable bytes for the byte-valued fields, else "". */
  human: string;
}

export interface OptionRow {
  name: string;
  value: string;
  changed: boolean;
}

/** pprof's profile lines ("File: x", "Time: …") as label/value facts; lines without a key stay comments. */
export function splitProfileLines(lines: string[]): { facts: Fact[]; comments: string[] } {
  const facts: Fact[] = [];
  const comments: string[] = [];
  for (const l of lines) {
    const m = /^(File|Build ID|Type|Time|Duration): (.*)$/s.exec(l);
    if (m) {
      if (m[1] !== 'Type') facts.push({ label: m[1]!, value: m[2]! });
    } else comments.push(l);
  }
  return { facts, comments };
}

/** Byte-valued fields of Go's runtime.MemStats (the rest are counts, fractions or lists). */
const BYTE_STATS = /^(Alloc|TotalAlloc|Sys|Heap(Alloc|Sys|Idle|Inuse|Released)|Stack(Inuse|Sys)|MSpan(Inuse|Sys)|MCache(Inuse|Sys)|BuckHashSys|GCSys|OtherSys|NextGC)$/;

export function memStatRows(p: Profile): MemStatRow[] {
  return p.meta.memStats.map((s) => ({
    ...s,
    human: BYTE_STATS.test(s.name) && /^\d+$/.test(s.value) ? label(Number(s.value), 'bytes') : '',
  }));
}

/** What the summary says about a compared profile (--base / --diff_base): the base's files and how it was used. */
export interface ComparisonHeader {
  flag: string;
  base: string;
  normalized: boolean;
  /** How percentages relate to the total, as pprof computes them. */
  note: string;
}

export function comparisonHeader(p: Profile): ComparisonHeader | null {
  const c = p.meta.comparison;
  if (!c) return null;
  return {
    flag: `--${c.kind}`,
    base: c.baseSources.join(', ') || 'the base profile',
    normalized: c.normalized,
    note:
      c.kind === 'diff_base'
        ? "Percentages are relative to the base's total, as in pprof; red in the flame graph grew, green shrank."
        : 'Equal stacks cancel out: percentages are relative to the sum of the absolute differences, as in pprof.',
  };
}

/** The eyebrow's description of the input: a comparison is not "merged profiles" to a reader. */
export function formatLabel(p: Profile, name: string): string {
  const c = p.meta.comparison;
  return c ? `difference from a base profile (--${c.kind})` : name;
}

/** The report options in pprof's spelling, flagging those that differ from the defaults. */
export function optionRows(c: ReportConfig, sampleType: string, cmp?: Comparison): OptionRow[] {
  const d = DEFAULTS.report;
  const rows: OptionRow[] = [
    { name: 'sample_index', value: c.sampleIndex === '' ? `${sampleType} (default)` : c.sampleIndex, changed: c.sampleIndex !== d.sampleIndex },
    {
      name: 'nodecount',
      value: c.nodeCount === -1 ? `all in tables, ${DEFAULTS.graphNodeCount} in the graph` : String(c.nodeCount),
      changed: c.nodeCount !== d.nodeCount,
    },
    { name: 'nodefraction', value: String(c.nodeFraction), changed: c.nodeFraction !== d.nodeFraction },
    { name: 'edgefraction', value: String(c.edgeFraction), changed: c.edgeFraction !== d.edgeFraction },
    { name: 'unit', value: c.unit, changed: c.unit !== d.unit },
    { name: 'sort', value: c.sort, changed: c.sort !== d.sort },
    { name: 'granularity', value: c.granularity, changed: c.granularity !== d.granularity },
    { name: 'trim', value: String(c.trim), changed: c.trim !== d.trim },
    { name: 'noinlines', value: String(c.noInlines), changed: c.noInlines !== d.noInlines },
    { name: 'drop_negative', value: String(c.dropNegative), changed: c.dropNegative !== d.dropNegative },
    { name: 'divide_by', value: String(c.divideBy), changed: c.divideBy !== d.divideBy },
    { name: 'compact_labels', value: String(c.compactLabels), changed: c.compactLabels !== d.compactLabels },
  ];
  // The base of a comparison is an option of the run, not of the report config.
  if (cmp) {
    rows.push({ name: cmp.kind, value: cmp.baseSources.join(', '), changed: true });
    if (cmp.normalized) rows.push({ name: 'normalize', value: 'true', changed: true });
  }
  // Any other option the user set (filters such as focus, ignore, show_from, tagfocus…).
  const shown = new Set(['sampleIndex', 'nodeCount', 'nodeFraction', 'edgeFraction', 'unit', 'sort', 'granularity', 'trim', 'noInlines', 'dropNegative', 'divideBy', 'compactLabels']);
  const cfg = c as unknown as Record<string, unknown>;
  const def = d as unknown as Record<string, unknown>;
  for (const k of Object.keys(cfg).sort()) {
    if (shown.has(k) || JSON.stringify(cfg[k]) === JSON.stringify(def[k])) continue;
    const v = cfg[k];
    rows.push({ name: k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`), value: typeof v === 'string' ? v : JSON.stringify(v), changed: true });
  }
  return rows;
}

const FRIENDLY: Record<string, string> = {
  inuse_space: 'In-use space',
  inuse_objects: 'In-use objects',
  alloc_space: 'Allocated space',
  alloc_objects: 'Allocated objects',
  space: 'In-use space',
  objects: 'In-use objects',
};

export function friendlyType(t: string): string {
  return own(FRIENDLY, t) ?? t;
}
