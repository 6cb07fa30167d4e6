// A layout failure for a sample type other than the selected one leaves a note in its place; one
// for the selected type fails the report (as --svg would).
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULTS } from '../../../../dist/src/config/defaults.js';
import { parseProfile } from '../../../../dist/src/ingest/parse.js';
import { computeInputs, reportSource } from '../../../../dist/src/report/inputs.js';

// The alloc_objects graph's layout fails (its DOT's legend names the sample type).
vi.mock('../../../../dist/src/io/layout.js', async (orig) => {
  const real = (await orig()) as typeof import('../../../../dist/src/io/layout.js');
  return {
    runLayout: async (dot: string, seconds: number, what: string) => {
      if (/Type: alloc_objects\\l/.test(dot)) throw new Error('layout timed out after 1s');
      return real.runLayout(dot, seconds, what);
    },
  };
});

const { renderHtml: renderPage } = await import('../../../../dist/src/report/html/page.js');
const profile = () => parseProfile(readFileSync('samples/workload/leak.pb.gz'), 'leak', { maxInflate: 1 << 30 });
const renderHtml = (config: typeof DEFAULTS.report) => renderPage(computeInputs(reportSource(profile(), config, 'leak'), ['view', 'pageParts', 'types', 'leaks']));

describe('renderHtml when a layout fails', () => {
  it('notes the failure for another sample type', async () => {
    const html = await renderHtml(DEFAULTS.report);
    const data = JSON.parse(/id="gr-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as { graphErrors: (string | null)[] };
    expect(data.graphErrors).toEqual(['The call graph for alloc_objects could not be laid out: layout timed out after 1s', null, null, null]);
  });
  it('fails for the selected sample type', async () => {
    await expect(renderHtml({ ...DEFAULTS.report, sampleIndex: 'alloc_objects' })).rejects.toThrow(/timed out/);
  });
});
