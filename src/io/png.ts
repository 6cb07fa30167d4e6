import { createRequire } from 'node:module';
import { FONT_FAMILY } from '../report/pictures/font.js';
import { fontFile } from './font-files.js';
import { pngSize, svgPoints } from '../report/pictures/png-size.js';

/**
 * The call graph as PNG: the shared layout's SVG rasterized by resvg with the bundled Arimo only (no
 * system fonts, no Graphviz), on white, sized by pngSize (--dpi, --scale).
 */
export async function renderPng(layout: Promise<string>, options: { dpi: number; scale: number }, warn: (msg: string) => void): Promise<Uint8Array> {
  // resvg's loader takes tens of milliseconds (its libc probe): let it run while the layout worker
  // works. A require (resvg is CommonJS), not import(): the shipped command runs from V8's code
  // cache, where import() fails (see scripts/bundle.mjs).
  const rasterizer = Promise.resolve().then(() => createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js'));
  rasterizer.catch(() => {}); // awaited below
  const svg = await layout;
  const pt = svgPoints(svg);
  const size = pngSize(pt.width, pt.height, options);
  if (size.capped) {
    warn(
      `PNG reduced to ${size.width}×${size.height} px (${(size.scale * 72).toFixed(0)} dpi) to bound its memory; use --svg or a smaller --nodecount for a sharper picture`,
    );
  }
  const { Resvg } = await rasterizer;
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [fontFile()], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'width', value: size.width },
    background: 'white',
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
