import { label, percentage } from '../../measurement/units.js';
import type { Amount, ReportDoc } from './json-types.js';
import { cell, codeSpan, mdText } from './md-escape.js';

/** GitHub drops step summaries over 1 MiB; ours stay far below, whatever the profile. */
export const MARKDOWN_CAP = 64 * 1024;

export interface MarkdownOptions {
  /** Rows of the top table (before the size cap). */
  rows: number;
  /** A link to the CI run that holds the uploaded artifacts (GitHub: its run page). */
  runUrl?: string;
}

/** Leak verdicts (issue 9's words) left out of the summary's suspect table. */
const QUIET_VERDICTS = ['minor change', 'shrinking'];
/** Rows of the suspect table. */
const MAX_SUSPECT_ROWS = 10;

const signed = (a: Amount) => (a.value > 0 ? `+${a.formatted}` : a.formatted);
const pct = (v: number, total: number) => percentage(v, total).trim();
const bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * A short GitHub-flavoured summary of the report document: what was profiled, the total, budget
 * verdicts, comparison or leak figures, where the artifacts are, and the top of the flat table.
 * Never larger than MARKDOWN_CAP bytes: table rows are cut first, with a note saying so.
 */
export function renderMarkdown(doc: ReportDoc, o: MarkdownOptions): string {
  const wanted = Math.max(0, Math.min(o.rows, doc.table.nodes.length));
  let rows = wanted;
  let suspects = doc.leaks ? MAX_SUSPECT_ROWS : 0;
  for (;;) {
    const md = compose(doc, o, rows, suspects, rows < wanted);
    if (bytes(md) <= MARKDOWN_CAP) return md;
    if (rows > 0) rows = Math.floor(rows / 2);
    else if (suspects > 0) suspects = Math.floor(suspects / 2);
    else return truncateBytes(md, MARKDOWN_CAP);
  }
}

function compose(doc: ReportDoc, o: MarkdownOptions, rows: number, suspects: number, capped: boolean): string {
  const out: string[] = [];
  const src = doc.profile.sources.map((s) => codeSpan(s)).join(', ') || '(stdin)';
  const snaps = doc.leaks?.snapshots ?? [];
  if (snaps.length > 1) out.push(`### Heap snapshots ${codeSpan(snaps[0]!.source)} … ${codeSpan(snaps.at(-1)!.source)} (${snaps.length})`, '');
  else out.push(`### Heap profile ${src}`, '');
  const st = doc.sampleType;
  const others = doc.profile.sampleTypes.filter((t) => t.index !== st.index).map((t) => t.type);
  out.push(`- **Sample type:** ${codeSpan(st.type)} (${mdText(st.unit)})${others.length ? ` — also in the profile: ${others.map((t) => codeSpan(t)).join(', ')}` : ''}`);
  const auto = label(doc.total.value, st.unit);
  const c = doc.comparison;
  const totalNote = c?.kind === 'diff_base' ? ", the base's: percentages are relative to the base, as in pprof" : c?.kind === 'base' ? ': the sum of the absolute differences, as in pprof' : '';
  out.push(`- **Total:** **${auto}**${auto !== doc.total.formatted ? ` (${doc.total.formatted}${totalNote})` : totalNote ? ` (${totalNote.replace(/^[,:] /, '')})` : ''}`);
  if (snaps.length > 1) out.push(`- **Call graph and table of:** the last snapshot, ${src}`);
  if (doc.profile.time) out.push(`- **Profile time:** ${doc.profile.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`);
  if (doc.profile.file) out.push(`- **Binary:** ${codeSpan(doc.profile.file)}`);
  if (c) {
    const base = c.baseSources.map((s) => codeSpan(s)).join(', ') || 'the base';
    const rel = c.growthPercent !== null && c.baseTotal ? ` (${c.growthPercent > 0 ? '+' : ''}${c.growthPercent}% of the base's ${c.baseTotal.formatted})` : '';
    out.push(`- **Compared with:** ${base} (--${c.kind}${c.normalized ? ', normalized' : ''}): growth **${signed(c.growth)}**${rel}`);
    if (c.newTotal && c.baseTotal) out.push(`- **Totals:** base ${c.baseTotal.formatted} → new ${c.newTotal.formatted}`);
  }
  if (doc.leaks) {
    const l = doc.leaks;
    out.push(`- **Series:** ${l.snapshots.length} snapshots (ordered by ${l.orderedBy}), total ${l.snapshots[0]?.total.formatted ?? '0'} → ${l.snapshots.at(-1)?.total.formatted ?? '0'} (**${signed(l.growth)}**)`);
  }
  if (doc.artifacts.length > 0) {
    // The HTML report first: it is the file people open.
    const files = [...doc.artifacts].sort((x, y) => Number(y.format === 'html') - Number(x.format === 'html'));
    const where = files.map((a) => `${a.format.toUpperCase()} ${codeSpan(a.path)}`).join(' · ');
    out.push(`- **Report files:** ${where}${o.runUrl ? ` — uploaded with [this run's artifacts](${o.runUrl})` : ''}`);
  }
  out.push('');
  budgets(doc, out);
  if (doc.leaks) leakTable(doc, out, suspects);
  topTable(doc, out, rows, capped);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function budgets(doc: ReportDoc, out: string[]): void {
  const b = doc.budgets;
  if (b.verdicts.length === 0) return;
  const head = b.ok ? `✅ all ${b.verdicts.length} within budget` : `❌ ${b.breaches} of ${b.verdicts.length} breached`;
  out.push(`#### Budgets: ${head}`, '', '| | Budget | Measured | Value | Limit | Over by |', '|---|---|---|---:|---:|---:|');
  for (const v of b.verdicts) {
    const spec = codeSpan(`--${v.budget} ${v.spec}`);
    const who = v.matched && v.matched.length > 0 ? `: ${v.matched.slice(0, 3).map((n) => codeSpan(n, 80)).join(', ')}${v.matched.length > 3 ? ` +${v.matched.length - 3}` : ''}` : '';
    const over = v.ok ? '—' : `**${v.over.formatted}**`;
    const subject = v.budget === 'max-flat' ? `flat of nodes matching ${codeSpan(v.spec.slice(0, v.spec.lastIndexOf('=')))}` : mdText(v.subject);
    out.push(`| ${v.ok ? '✅' : '❌'} | ${cell(spec)} | ${cell(subject + who)} | ${v.actual.formatted} | ${v.limit.formatted} | ${over} |`);
  }
  out.push('');
}

function leakTable(doc: ReportDoc, out: string[], n: number): void {
  const l = doc.leaks!;
  out.push(`#### Leak suspects (${codeSpan(l.sampleType.type)})`, '');
  if (l.suspects.length === 0) {
    out.push('No allocation site changed across the series.', '');
    return;
  }
  // The summary lists the sites that moved; the JSON and HTML reports have every ranked site.
  const moved = l.suspects.filter((s) => !QUIET_VERDICTS.includes(s.verdict));
  if (moved.length === 0) {
    out.push(`No allocation site grew beyond noise (${l.suspects.length} sites ranked: see the JSON or HTML report).`, '');
    return;
  }
  out.push('| # | Site | Verdict | First → last | Growth | Steps that grew |', '|---:|---|---|---:|---:|---:|');
  for (const s of moved.slice(0, n)) {
    out.push(`| ${s.rank} | ${cell(codeSpan(s.name))} | ${mdText(s.verdict)} | ${s.first.formatted} → ${s.last.formatted} | ${signed(s.growth)} | ${s.grewSteps}/${s.steps} |`);
  }
  if (n < moved.length) out.push('', `_${moved.length - n} more sites that moved: see the JSON or HTML report._`);
  out.push('');
}

function topTable(doc: ReportDoc, out: string[], rows: number, capped: boolean): void {
  const t = doc.table;
  const total = doc.total.value;
  const by = doc.options.sort;
  if (t.nodes.length === 0) {
    out.push('#### Top nodes', '', 'No samples.');
    return;
  }
  const of = Math.max(t.origCount, t.nodes.length);
  out.push(`#### Top ${Math.min(rows, t.nodes.length)}${of > rows ? ` of ${of}` : ''} nodes by ${by} (${pct(t.shown.value, total)} of the total in the table)`, '');
  out.push('| flat | flat% | sum% | cum | cum% | name |', '|---:|---:|---:|---:|---:|---|');
  let sum = 0;
  for (const n of t.nodes.slice(0, rows)) {
    sum += n.flat.value;
    const inl = n.inline ? ` _(${n.inline})_` : '';
    out.push(`| ${n.flat.formatted} | ${pct(n.flat.value, total)} | ${pct(sum, total)} | ${n.cum.formatted} | ${pct(n.cum.value, total)} | ${cell(codeSpan(n.name))}${inl} |`);
  }
  const cut = t.nodes.length - rows;
  const why = capped ? ', cut to keep this summary under 64 KiB' : '';
  if (cut > 0) out.push('', `_${cut} more rows${why}: the full table is in \`gen-report --text\` and the JSON report._`);
}

/** Last resort for the cap: cut at a line boundary below `max` bytes. */
function truncateBytes(md: string, max: number): string {
  const note = '\n\n_Summary cut at 64 KiB._\n';
  let s = new TextDecoder().decode(new TextEncoder().encode(md).subarray(0, max - bytes(note)));
  s = s.slice(0, Math.max(0, s.lastIndexOf('\n')));
  return s.replace(/\uFFFD$/, '') + note;
}
