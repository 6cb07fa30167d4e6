// A layout failure for a sample type other than the selected one leaves a note in its place; one
// for the selected type fails the report (as --svg would).
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULTS } from '../../../../dist/src/config/defaults.js';
import { parseProfile } from '../../../../dist/src/ingest/parse.js';
import { createContext, type RenderContext } from '../../../../dist/src/report/context.js';

vi.mock('../../../../dist/src/io/layout.js', async (orig) => {
  const real = (await orig()) as typeof import('../../../../dist/src/io/layout.js');
  return {
    layoutSvg: async (ctx: RenderContext) => {
      if (ctx.config.sampleIndex === '0' || ctx.config.sampleIndex === 'alloc_objects') throw new Error('layout timed out after 1s');
      return real.layoutSvg(ctx);
    },
  };
});

const { renderHtml } = await import('../../../../dist/src/report/html/page.js');
const profile = () => parseProfile(readFileSync('samples/workload/leak.pb.gz'), 'leak', { maxInflate: 1 << 30 });

describe('renderHtml when a layout fails', () => {
  it('notes the failure for another sample type', async () => {
    const html = await renderHtml(createContext(profile(), DEFAULTS.report, 'leak'));
    const data = JSON.parse(/id="gr-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as { graphErrors: (string | null)[] };
    expect(data.graphErrors).toEqual(['The call graph for alloc_objects could not be laid out: layout timed out after 1s', null, null, null]);
  });
  it('fails for the selected sample type', async () => {
    await expect(renderHtml(createContext(profile(), { ...DEFAULTS.report, sampleIndex: 'alloc_objects' }, 'leak'))).rejects.toThrow(/timed out/);
  });
});
