// The page's graph after a refine comes from the engine's layout worker (src/page/layout-client.ts):
// its SVG is checked there as the report's own graphs are (svg-inline.ts), so the page inserts only
// what the report would. The worker here is a fake that answers with the SVG a test gives it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { layoutInWorker } from '../../../src/page/layout-client.js';
import { HOSTILE_SVG_FRAGMENTS } from '../../helpers/hostile-svg.js';

const svgOf = new Map<string, string>();

class FakeWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  postMessage(m: { id: number; dot: string }): void {
    setTimeout(() => this.onmessage?.({ data: { id: m.id, svg: svgOf.get(m.dot)! } }), 0);
  }
  terminate(): void {}
}

beforeAll(() => {
  vi.stubGlobal('document', { getElementById: (id: string) => (id === 'gr-layout-worker' ? { textContent: '/* worker */' } : null) });
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('URL', { createObjectURL: () => 'blob:fake' });
  vi.stubGlobal('Blob', class {});
});

afterAll(() => {
  vi.unstubAllGlobals();
});

const svg = (body: string) =>
  `<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg width="10pt" height="20pt" viewBox="0 0 10 20" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g id="graph0" class="graph">${body}</g></svg>`;

let n = 0;
function layoutOf(body: string): Promise<string> {
  const dot = `digraph { n${n++} }`;
  svgOf.set(dot, svg(body));
  return layoutInWorker(dot);
}

describe("the engine's layout, as the page receives it", () => {
  it("is Graphviz's SVG made inlineable as the report's own graphs", async () => {
    const s = await layoutOf('<g id="node1" class="node"><title>N1</title><text x="1" y="2" style="font-size:8px">a &lt;b&gt;</text></g>');
    expect(s.startsWith('<svg')).toBe(true);
    expect(s).toContain('class="gr-svg"');
    expect(s).not.toMatch(/width="10pt"|<!DOCTYPE|<\?xml/);
    expect(s).toContain('style="font-size:8px"');
  });

  it('is refused (the layout fails) when it carries anything but what Graphviz writes', async () => {
    for (const bad of HOSTILE_SVG_FRAGMENTS) {
      await expect(layoutOf(bad), bad).rejects.toThrow(/Graphviz SVG/);
    }
  });
});
