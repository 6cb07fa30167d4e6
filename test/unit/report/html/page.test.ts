// Unit tests of the --html building blocks (no browser): escaping, SVG checks, per-type data, flame tree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../../dist/src/config/defaults.js';
import { computeTotal } from '../../../../dist/src/graph/prepare.js';
import { parseProfile } from '../../../../dist/src/ingest/parse.js';
import { analyze } from '../../../../dist/src/graph/analysis.js';
import { computeInputs, reportSource } from '../../../../dist/src/report/inputs.js';
import { renderHtml as renderPage } from '../../../../dist/src/report/html/page.js';
import { jsonForScript } from '../../../../dist/src/report/html/embed.js';
import { buildFlame } from '../../../../dist/src/report/html/flame.js';
import { inlineSvg, UnsafeSvgError } from '../../../../dist/src/report/html/svg-inline.js';
import { textItems } from '../../../../dist/src/report/text/text.js';
import { HOSTILE_SVG_FRAGMENTS } from '../../../helpers/hostile-svg.js';

const load = (f: string) => parseProfile(readFileSync(f), f, { maxInflate: 1 << 30 });
/** The page, from the inputs the run computes for it. */
const renderHtml = (p: ReturnType<typeof load>, config: typeof DEFAULTS.report) => renderPage(computeInputs(reportSource(p, config, 'leak'), ['view', 'pageParts', 'types', 'leaks']));

describe('jsonForScript', () => {
  it('cannot close its <script> element and round-trips', () => {
    const x = { s: '</script><!-- <img src=x onerror=alert(1)> \u2028\u2029 & >' };
    const j = jsonForScript(x);
    expect(j).not.toMatch(/[<>\u2028\u2029]/);
    expect(JSON.parse(j)).toEqual(x);
  });
});

describe('inlineSvg', () => {
  const base = (body: string) =>
    `<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- Generated -->\n<svg width="10pt" height="20pt" viewBox="0 0 10 20" xmlns="http://www.w3.org/2000/svg"><g id="graph0" class="graph">${body}</g></svg>`;

  it('strips the prolog and comments and makes the root scalable', () => {
    const s = inlineSvg(base('<!-- N1 --><text x="1" y="2">a &lt;b&gt;</text>'), 'gr-svg');
    expect(s.startsWith('<svg')).toBe(true);
    expect(s).not.toContain('<!--');
    expect(s).not.toMatch(/width="10pt"|height="20pt"/);
    expect(s).toContain('class="gr-svg"');
    expect(s).toContain('viewBox="0 0 10 20"');
  });

  it('refuses anything executable', () => {
    for (const bad of HOSTILE_SVG_FRAGMENTS) {
      expect(() => inlineSvg(base(bad), 'c'), bad).toThrow(UnsafeSvgError);
    }
  });
});

describe('buildFlame', () => {
  it('has one root holding each sample type total, and no child above its parent', () => {
    const p = load('samples/workload/leak.pb.gz');
    const f = buildFlame(p, DEFAULTS.report);
    expect(f.parent[0]).toBe(-1);
    p.sampleTypes.forEach((_, j) => {
      const weights = new Float64Array(p.samples.count).map((_, i) => p.samples.values[i * p.sampleTypes.length + j]!);
      expect(f.values[j]![0]).toBe(computeTotal(p, weights));
      const childSum = new Float64Array(f.parent.length);
      for (let i = 1; i < f.parent.length; i++) {
        expect(f.parent[i]!).toBeLessThan(i);
        childSum[f.parent[i]!] += f.values[j]![i]!;
      }
      for (let i = 0; i < f.parent.length; i++) expect(childSum[i]!).toBeLessThanOrEqual(f.values[j]![i]! + 1e-6);
    });
    expect(f.names).toContain('main.query');
  });
});

describe('renderHtml', () => {
  it('applies the report filters to every view, as --text does', async () => {
    const p = load('samples/workload/leak.pb.gz');
    const config = { ...DEFAULTS.report, focus: 'readRow' };
    const html = await renderHtml(p, config);
    const data = JSON.parse(/id="gr-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as {
      selected: number;
      views: { total: number; labels: string[]; rows: unknown[][] }[];
      flame: { values: number[][] };
    };
    const v = data.views[data.selected]!;
    expect(v.rows.map((r) => r[0])).toEqual(textItems(computeInputs(reportSource(p, config, 'leak'), ['table']).table).map((t) => t.name));
    expect(v.labels).toContain('   focus=readRow');
    expect(html).toMatch(/<th class="mono">focus<\/th><td class="mono">readRow<\/td>/);
    // The flame graph holds the focused samples only; percentages stay of the whole profile.
    const root = data.flame.values[data.selected]![0]!;
    expect(root).toBeGreaterThan(0);
    expect(root).toBeLessThan(v.total * 0.5);
  });


  it('embeds every sample type with the --text rows, and Go MemStats when the profile has them', async () => {
    const p = load('samples/workload/leak.pb.gz');
    p.meta.memStats = [
      { name: 'HeapAlloc', value: '3705856' },
      { name: 'NumGC', value: '12' },
    ];
    const html = await renderHtml(p, DEFAULTS.report);
    const json = /<script type="application\/json" id="gr-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const data = JSON.parse(json) as { selected: number; views: { type: string; totalFmt: string; rows: unknown[][] }[] };
    expect(data.views.map((v) => v.type)).toEqual(p.sampleTypes.map((t) => t.type));
    expect(data.selected).toBe(3);
    for (const v of data.views) {
      const a = analyze(p, { ...DEFAULTS.report, sampleIndex: v.type }, 'table');
      expect(v.totalFmt).toBe(a.formatValue(a.total));
      expect(v.rows.map((r) => [r[0], r[4], r[7]])).toEqual(textItems(a).map((t) => [t.name, t.flatFormat, t.cumFormat]));
    }
    expect(html).toContain('Go runtime MemStats');
    expect(html).toMatch(/HeapAlloc<\/th><td class="mono">3705856<\/td><td class="muted">3.53MB/);
    expect((html.match(/<template id="gr-graph-\d">/g) ?? []).length).toBe(4);
    // Nothing points outside the file.
    expect(html).not.toMatch(/\b(src|href)="(?!#|data:)/);
  });
});
