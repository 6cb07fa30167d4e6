/** `gen-report --leaks …` as text: the series, the ranked sites (function, then line), call paths. */
import type { LeakReport, LeakSite } from '../../compare/leaks.js';
import { label } from '../../measurement/units.js';
import { baseName } from '../../util/paths.js';
import { formatTime } from '../../graph/analysis.js';
import { visible } from '../../util/visible-text.js';

const pct = (x: number): string => `${+(x * 100).toFixed(2)}%`;

const signed = (v: number, unit: string): string => (v > 0 ? `+${label(v, unit)}` : v < 0 ? `-${label(-v, unit)}` : '0');

function pad(cells: string[][], right: boolean[]): string[] {
  const w = cells[0]!.map((_, j) => Math.max(...cells.map((r) => r[j]!.length)));
  return cells.map((r) =>
    r
      .map((c, j) => (j === r.length - 1 ? c : right[j] ? c.padStart(w[j]!) : c.padEnd(w[j]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** `name`, or `name file.go:123` at line level (nothing to add when the frame has no file/line). */
export function siteName(s: LeakSite): string {
  if (s.level === 'function') return s.key;
  const f = s.frame;
  const where = f.file !== '' ? `${baseName(f.file)}${f.line > 0 ? `:${f.line}` : ''}` : f.line > 0 ? `line ${f.line}` : '';
  return where ? `${f.name} ${where}` : f.name;
}

function siteTable(r: LeakReport, sites: LeakSite[], rows: number): string[] {
  const unit = r.sampleType.unit;
  const per = r.axis === 'minutes' ? '/min' : '/step';
  const head = ['rank', 'first', 'last', 'growth', `slope${per}`, 'grew', 'τ'];
  if (r.objectsType) head.push('objects', 'Δobjects');
  head.push('verdict', 'site');
  const cells = [head];
  for (const s of sites.slice(0, rows)) {
    const n = s.values.length;
    const row = [
      String(s.rank),
      label(s.values[0]!, unit),
      label(s.values[n - 1]!, unit),
      signed(s.trend.growth, unit),
      signed(Math.round(s.trend.slope), unit),
      `${s.trend.grewSteps}/${s.trend.steps}`,
      s.trend.tau.toFixed(2),
    ];
    if (s.objects) row.push(String(s.objects[n - 1]), signed(s.objects[n - 1]! - s.objects[0]!, 'count'));
    row.push(s.trend.verdict, visible(siteName(s)));
    cells.push(row);
  }
  const right = head.map((h) => h !== 'verdict' && h !== 'site');
  const out = pad(cells, right);
  if (sites.length > rows) out.push(`… ${sites.length - rows} more sites`);
  return out;
}

export function renderLeaksText(r: LeakReport): string {
  const unit = r.sampleType.unit;
  const snaps = r.snapshots;
  const out: string[] = [];
  const first = snaps[0]!;
  const last = snaps[snaps.length - 1]!;
  let span = '';
  if (r.axis === 'minutes') span = `, ${formatTime(first.timeNanos)} to ${formatTime(last.timeNanos)} (${label(last.timeNanos - first.timeNanos, 'nanoseconds')})`;
  out.push(`Leak suspects: ${snaps.length} snapshots of ${visible(r.sampleType.type)}, ordered by ${r.orderedBy}${span}`);
  for (const [i, s] of snaps.entries()) {
    const t = s.timeNanos !== 0 ? `  ${formatTime(s.timeNanos)}` : '';
    out.push(`  ${String(i + 1).padStart(3)}  ${label(s.total, unit).padStart(10)}${t}  ${visible(s.source)}`);
  }
  const suspects = r.functions.filter((s) => s.trend.verdict === 'growing steadily');
  out.push(
    suspects.length > 0
      ? `Growing steadily: ${suspects
          .slice(0, r.thresholds.suspects)
          .map((s) => visible(s.key))
          .join(', ')}${suspects.length > r.thresholds.suspects ? ', …' : ''}`
      : 'No allocation site is growing steadily.',
  );
  if (snaps.length < r.thresholds.testMinSnapshots) {
    out.push(
      `Only ${snaps.length} snapshots: verdicts are tentative (the trend test needs ${r.thresholds.testMinSnapshots}; a steady grower and a one-off step look alike).`,
    );
  }
  out.push(
    'Site = innermost frame of each stack (leading Go runtime.* frames skipped); slope = least squares',
    `${r.axis === 'minutes' ? 'per minute' : 'per snapshot (no profile times)'}; grew = steps that rose by more than ${r.thresholds.stepNoise * 100}% of the site's peak; τ = Kendall's`,
    `rank correlation with time. Growing steadily = grew ≥ ${pct(r.thresholds.minRelativeChange)} of its peak and ≥ ${pct(r.thresholds.minShareOfTotal)} of the largest total,`,
    `a rising Mann-Kendall trend (1% level), R² ≥ ${r.thresholds.steadyMinR2}, and ≥ ${pct(r.thresholds.lateGrowthShare)} of the growth in the second half.`,
    '',
    'By function:',
    ...siteTable(r, r.functions, r.thresholds.rows),
    '',
    'By line:',
    ...siteTable(r, r.lines, r.thresholds.rows),
  );
  const withPaths = r.functions.filter((s) => s.paths.length > 0);
  if (withPaths.length > 0) {
    out.push('', `Call paths to the top suspects (heaviest stacks in the last snapshot, change since the first):`);
    for (const s of withPaths) {
      out.push(`${visible(s.key)} (${s.trend.verdict}, ${signed(s.trend.growth, unit)}):`);
      for (const p of s.paths) {
        out.push(`  ${label(p.value, unit).padStart(10)} ${`(${signed(p.growth, unit)})`.padStart(12)}  ${p.frames.map(visible).join(' → ')}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
