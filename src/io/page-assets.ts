import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { distAsset, fontAsset } from './font-files.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { assertInlineable } from '../report/html/embed.js';

/** The templates folder ships next to dist/ (package.json "files"); found by walking up from here. */
function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const t = join(dir, 'templates');
    if (existsSync(join(t, 'layout.hbs'))) return t;
    dir = dirname(dir);
  }
  throw new Error('gen-report templates/ folder not found next to the installed package');
}

import type { PageAssets } from '../util/platform.js';

let cached: PageAssets | undefined;

/** Compiles the layout with its partials and reads the page's CSS, script and font (once per process). */
export function pageAssets(): PageAssets {
  if (cached) return cached;
  const dir = templatesDir();
  const hb = Handlebars.create();
  const pdir = join(dir, 'partials');
  for (const f of readdirSync(pdir).sort()) {
    if (f.endsWith('.hbs')) hb.registerPartial(f.slice(0, -4), readFileSync(join(pdir, f), 'utf8'));
  }
  const layout = hb.compile(readFileSync(join(dir, 'layout.hbs'), 'utf8'), { strict: true });
  const css = assertInlineable('style', readFileSync(join(dir, 'report.css'), 'utf8'));
  const jdir = join(dir, 'js');
  // Scripts are concatenated in file-name order (00-core.js first) inside one strict-mode function.
  const parts = readdirSync(jdir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => `// ${f}\n${readFileSync(join(jdir, f), 'utf8')}`);
  const js = assertInlineable('script', `(function () {\n'use strict';\n${parts.join('\n')}\n})();\n`);
  const font = readFileSync(fontAsset('arimo-latin-400.woff2'));
  const sha = (s: string) => createHash('sha256').update(s).digest('base64');
  const scriptHash = sha(js);
  // The engine (src/page/engine.ts) and its Graphviz layout worker, bundled by scripts/bundle.mjs.
  const engineJs = assertInlineable('script', readFileSync(distAsset('page', 'engine.js', 'page engine'), 'utf8'));
  const layoutWorkerJs = assertInlineable('script', readFileSync(distAsset('page', 'layout-worker.js', 'page layout worker'), 'utf8'));
  cached = {
    render: (d) => layout(d),
    css,
    js,
    scriptHash,
    engineJs,
    engineHash: sha(engineJs),
    layoutWorkerJs,
    fontDataUri: `data:font/woff2;base64,${font.toString('base64')}`,
  };
  return cached;
}
