// --svg and --png: WASM Graphviz layout in a worker, the bundled Arimo font, PNG sizing, hostile names.
// Spawns the BUILT binary (run `npx tsc -p .` first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { parseDot } from '../helpers/dot-parse.js';
import { HOSTILE_NAMES, profileWithLeaves } from '../helpers/hostile-profile.js';
import { darkPixels, decodePng, pngHeader } from '../helpers/png.js';

const LEAK = 'samples/workload/leak.pb.gz';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'gen-report-render-'));
}

/** Renders `input` with `args` into a fresh folder; returns the folder and the CLI result. */
function render(input: string, args: string[], env?: NodeJS.ProcessEnv) {
  const dir = tmp();
  const r = runCli([...args, '--out-dir', dir, input], { env });
  return { dir, r, read: (ext: string) => readFileSync(join(dir, `${stemOf(input)}.${ext}`)) };
}

function stemOf(input: string): string {
  return input.split('/').pop()!.replace(/\.pb\.gz$|\.pb$|\.prof$/, '');
}

function svgPoints(svg: string): { w: number; h: number } {
  const m = /<svg width="([0-9.]+)pt" height="([0-9.]+)pt"/.exec(svg)!;
  return { w: Number(m[1]), h: Number(m[2]) };
}

/** The sizing rule as documented in --help and png-size.ts: 96 dpi shrunk towards 2400 px wide, ≥ 72 dpi. */
function expectedWidth(wPt: number, opts: { dpi?: number; scale?: number } = {}): number {
  const base = opts.dpi ? opts.dpi / 72 : Math.max(1, Math.min(96 / 72, 2400 / wPt));
  return Math.floor(wPt * base * (opts.scale ?? 1));
}

/** DOT escString label → the lines Graphviz draws (line breaks \n \l \r; `\\` → `\`). */
function labelLines(label: string): string[] {
  const lines = label.split(/\\[nlr]/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => l.replace(/\\\\/g, '\\'));
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** `<g id="…" class="node">` groups of a Graphviz SVG: id → texts drawn, in order. */
function svgNodeTexts(svg: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of svg.matchAll(/<g id="([^"]+)" class="node">([\s\S]*?)<\/g>\n(?=<!--|<\/g>)/g)) {
    out.set(m[1]!, [...m[2]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => xmlUnescape(t[1]!)));
  }
  return out;
}

describe('--svg --png --dot on the seed leak profile', () => {
  const { dir, r, read } = render(LEAK, ['--svg', '--png', '--dot']);
  const svg = () => read('svg').toString('utf8');

  it('writes all three files', () => {
    expect(r.stderr).not.toMatch(/error|warning/i);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['leak.gv', 'leak.png', 'leak.svg']);
  });

  it('the PNG is a valid PNG of the documented default size', () => {
    const png = read('png');
    const h = pngHeader(png);
    const { w, h: hPt } = svgPoints(svg());
    expect(h.width).toBe(expectedWidth(w));
    expect(Math.abs(h.height - (hPt * h.width) / w)).toBeLessThanOrEqual(1.5);
    expect(h.width).toBeGreaterThan(1200);
    expect(h.width).toBeLessThanOrEqual(2400);
    const img = decodePng(png); // checks IDAT/IEND and that it inflates
    expect(img.rgba[3]).toBe(255); // opaque: white background
  });

  it('the SVG has a <text> for every node label line (the DOT output unchanged)', () => {
    const dot = parseDot(read('gv').toString('utf8'));
    expect(read('gv').toString('utf8')).not.toMatch(/fontname/); // --dot stays pprof's
    const texts = svgNodeTexts(svg());
    let ids = 0;
    for (const [, attrs] of dot.nodes) {
      if (!attrs['id']) continue; // the legend node
      ids++;
      expect(texts.get(attrs['id']), attrs['id']).toEqual(labelLines(attrs['label']!));
    }
    expect(ids).toBeGreaterThan(30);
    expect(texts.size).toBe(ids + 1); // + legend
    expect(svg()).toContain('>Type: inuse_space</text>');
  });

  it('is set in Arimo with metric-compatible fallbacks, never Times', () => {
    expect(svg()).toMatch(/font-family="Arimo,Liberation Sans,Arial,Helvetica,sans-serif"/);
    expect(svg()).not.toMatch(/Times/);
  });
});

/**
 * Every node whose drawn text (ink box measured by resvg with the bundled font) pokes out of its
 * box polygon: id → overflow in points. Empty when every label fits.
 */
async function overflowingLabels(svg: string): Promise<Map<string, number>> {
  const { Resvg } = await import('@resvg/resvg-js');
  const { fontFile } = await import(join(ROOT, 'dist/src/io/font-files.js'));
  const transform = /<g id="graph0" class="graph" transform="([^"]+)"/.exec(svg)![1]!;
  const out = new Map<string, number>();
  for (const m of svg.matchAll(/<g id="([^"]+)" class="node">([\s\S]*?)<\/g>\n(?=<!--|<\/g>)/g)) {
    const texts = [...m[2]!.matchAll(/<text[^>]*>[^<]*<\/text>/g)].map((t) => t[0]).join('');
    const poly = /<polygon[^>]*points="([^"]+)"/.exec(m[2]!);
    if (!poly || texts === '') continue;
    const xs = poly[1]!.split(' ').map((p) => Number(p.split(',')[0]));
    const page = `<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><g transform="${transform}">${texts}</g></svg>`;
    const ink = new Resvg(page, { font: { loadSystemFonts: false, fontFiles: [fontFile()], defaultFontFamily: 'Arimo' } }).getBBox()!;
    const dx = Number(/translate\(([0-9.]+)/.exec(transform)![1]);
    const left = Math.min(...xs) + dx - ink.x;
    const right = ink.x + ink.width - (Math.max(...xs) + dx);
    if (left > 0 || right > 0) out.set(m[1]!, Math.max(left, right));
  }
  return out;
}

describe('labels fit their boxes (laid out for Arimo, drawn with Arimo)', () => {
  it.each([[LEAK, []], ['samples/workload/node/fixed.pb.gz', []]])('%s', async (input, args: string[]) => {
    const { r, read } = render(input, ['--svg', ...args]);
    expect(r.code).toBe(0);
    const svg = read('svg').toString('utf8');
    expect(svgNodeTexts(svg).size).toBeGreaterThan(30);
    expect(Object.fromEntries(await overflowingLabels(svg))).toEqual({});
  });
});

describe('rendering on a machine with no Graphviz and no fonts', () => {
  it('draws the text with the bundled font', () => {
    const bin = tmp();
    symlinkSync(process.execPath, join(bin, 'node'));
    expect(existsSync(join(bin, 'dot'))).toBe(false);
    const fc = tmp();
    writeFileSync(join(fc, 'fonts.conf'), '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
    const env = { PATH: bin, FONTCONFIG_FILE: join(fc, 'fonts.conf'), FONTCONFIG_PATH: fc, HOME: fc, XDG_DATA_HOME: fc };
    const { r, read } = render(LEAK, ['--svg', '--png'], env);
    expect(r.stderr).not.toMatch(/warn|error/i);
    expect(r.code).toBe(0);

    // The biggest node's box (pt → px): its interior is a light fill, dark pixels there are text.
    const svgText = read('svg').toString('utf8');
    const img = decodePng(read('png'));
    const { w, h } = svgPoints(svgText);
    const s = img.width / w;
    const node = /<g id="node1" class="node">[\s\S]*?<polygon[^>]*points="([^"]+)"/.exec(svgText)!;
    const pts = node[1]!.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1] + h - 4); // Graphviz draws in translate(4, h - 4), y up
    const [x0, x1, y0, y1] = [Math.min(...xs) + 8, Math.max(...xs) - 4, Math.min(...ys) + 4, Math.max(...ys) - 4];
    const dark = darkPixels(img, (x0 + 4) * s, y0 * s, (x1 - x0) * s, (y1 - y0) * s);
    const area = (x1 - x0) * (y1 - y0) * s * s;
    expect(dark).toBeGreaterThan(area * 0.03); // four lines of 24 pt text
    expect(dark).toBeLessThan(area * 0.5);
    // The legend is drawn too.
    const legend = darkPixels(img, img.width * 0.6, 0, img.width * 0.4, img.height * 0.1);
    expect(legend).toBeGreaterThan(2000);
  });
});

describe('PNG size options', () => {
  const { read } = render(LEAK, ['--svg']);
  const { w } = svgPoints(read('svg').toString('utf8'));
  it.each([
    [['--dpi', '72'], { dpi: 72 }],
    [['--scale', '0.5'], { scale: 0.5 }],
    [['-dpi=150', '--scale=0.5'], { dpi: 150, scale: 0.5 }],
  ])('%j', (args, opts) => {
    const { r, read: readPng } = render(LEAK, ['--png', ...args]);
    expect(r.code).toBe(0);
    expect(pngHeader(readPng('png')).width).toBe(expectedWidth(w, opts));
  });

  it('caps the pixel count with a warning', () => {
    const { r, read: readPng } = render(LEAK, ['--png', '--dpi', '600']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: PNG reduced to \d+×\d+ px/);
    const h = pngHeader(readPng('png'));
    expect(h.width * h.height).toBeLessThanOrEqual(40_000_000);
    expect(h.width * h.height).toBeGreaterThan(39_000_000);
  });

  it.each([['--dpi', '0'], ['--scale', '-1'], ['--layout-timeout', 'soon']])('%s %s is a usage error', (opt, v) => {
    const r = runCli(['--png', opt, v, LEAK]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(opt);
  });
});

describe('layout time limit', () => {
  it('stops the layout with one line and writes nothing', () => {
    const { dir, r } = render(LEAK, ['--dot', '--svg', '--layout-timeout', '0.001']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^gen-report: graph layout stopped after 0.001 s \(\d+ nodes, \d+ edges\).*--nodecount.*--layout-timeout/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('warns about very large graphs and still renders them', () => {
    const { r, read } = render('samples/sizes.pb.gz', ['--svg', '--nodecount=0', '--nodefraction=0', '--edgefraction=0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: laying out \d+ nodes/);
    const svg = read('svg').toString('utf8');
    expect((svg.match(/class="node"/g) ?? []).length).toBeGreaterThan(150);
  });
});

describe('hostile names', () => {
  const dir = tmp();
  const input = join(dir, 'hostile.pb');
  writeFileSync(input, profileWithLeaves(HOSTILE_NAMES));
  const { r, read } = render(input, ['--svg', '--png', '--dot']);

  it('render without error', () => {
    expect(r.stderr).not.toMatch(/error|warning/i);
    expect(r.code).toBe(0);
    const img = decodePng(read('png'));
    expect(img.width).toBeGreaterThan(100);
    const svg = read('svg').toString('utf8');
    expect(svgNodeTexts(svg).size).toBe(HOSTILE_NAMES.length + 2); // + main.main + legend
  });

  it('fit their boxes', async () => {
    expect(Object.fromEntries(await overflowingLabels(read('svg').toString('utf8')))).toEqual({});
  });

  it('show glyph-less characters as visible replacements, full names in tooltips', () => {
    const svg = read('svg').toString('utf8');
    const texts = [...svgNodeTexts(svg).values()].flat();
    expect(texts).toContain('func·001');
    expect(texts).toContain('\\u65E5\\u672C\\u8A9E');
    expect(texts).toContain('\\U0001F600');
    expect(texts).toContain('nul\\u0000byte');
    expect(texts.filter((t) => /^<[a-z]+>$/.test(t))).toHaveLength(1); // <autogenerated> (pprof may call it <unknown>)
    expect(texts).toContain('back\\slash');
    expect(texts).toContain('trailing\\');
    expect(texts).toContain('"quoted"');
    const long = texts.find((t) => t.startsWith('xxx'))!;
    expect(long).toBe(`${'x'.repeat(160)}…`);
    expect(svg).toContain('xlink:title="main.func路001 (');
    expect(svg).toContain('xlink:title="日本語.関数 (');
    expect(svg).toContain(`xlink:title="long.${'x'.repeat(20_000)} (`);
    // The --dot output keeps the names as pprof prints them.
    const dot = read('gv').toString('utf8');
    expect(dot).toContain('main\\nfunc路001');
    expect(dot).toContain('日本語\\n関数');
  });
});

describe('native Graphviz and the WASM build agree', () => {
  const hasDot = spawnSync('dot', ['-V']).status === 0;
  it.skipIf(!hasDot)('on the node and edge sets of the same DOT', async () => {
    const { runLayout } = await import(join(ROOT, 'dist/src/io/layout.js'));
    const { read } = render(LEAK, ['--dot']);
    const dot = read('gv').toString('utf8');
    const wasm: string = await runLayout(dot, 60, 'test');
    const native = spawnSync('dot', ['-Tsvg'], { input: dot }).stdout.toString('utf8');
    const set = (svg: string, cls: string) =>
      [...svg.matchAll(new RegExp(`<g id="[^"]+" class="${cls}">\\n<title>([^<]*)</title>`, 'g'))].map((m) => m[1]).sort();
    expect(set(native, 'node').length).toBeGreaterThan(30);
    expect(set(wasm, 'node')).toEqual(set(native, 'node'));
    expect(set(wasm, 'edge')).toEqual(set(native, 'edge'));
  });
});

describe('one layout per run', () => {
  it('svg, png and html share the layout: one per sample type', async () => {
    const { reportSource } = await import(join(ROOT, 'dist/src/report/inputs.js'));
    const { parseProfile } = await import(join(ROOT, 'dist/src/ingest/parse.js'));
    const { formatRecord, noSummary, renderFormat } = await import(join(ROOT, 'dist/src/report/formats.js'));
    const { DEFAULTS } = await import(join(ROOT, 'dist/src/config/defaults.js'));
    const { installPlatform, platform } = await import(join(ROOT, 'dist/src/util/platform.js'));
    const profile = parseProfile(readFileSync(join(ROOT, LEAK)), LEAK, { maxInflate: DEFAULTS.maxInflate });
    const node = platform();
    const laidOut: string[] = [];
    installPlatform({ ...node, layoutSvg: (dot: string, seconds: number, what: string) => (laidOut.push(what), node.layoutSvg(dot, seconds, what)) });
    try {
      let inputs = reportSource(profile, DEFAULTS.report, 'leak');
      for (const f of ['svg', 'png', 'svg', 'html']) inputs = (await renderFormat(formatRecord(f), inputs, noSummary(''), () => {})).inputs;
      expect(laidOut.length).toBe(profile.sampleTypes.length);
    } finally {
      installPlatform(node);
    }
  });
});

describe('heavy modules load only for the graph pictures', () => {
  // The shipped command is one CommonJS bundle (scripts/bundle.mjs): what a run loads from
  // node_modules goes through require (logged by a --require hook) or, in the layout worker (an ES
  // module), through the ES loader (logged by a --import resolve hook); ts-graphviz is inside the
  // bundle, in esbuild's lazy init functions named after its files: V8's coverage says if they ran.
  const dir0 = tmp();
  const esmHook = join(dir0, 'hook.mjs');
  const cjsHook = join(dir0, 'hook.cjs');
  writeFileSync(
    esmHook,
    `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(
      "import { writeSync } from 'node:fs'; export async function resolve(s, c, n) { const r = await n(s, c); writeSync(2, 'LOADED ' + r.url + '\\n'); return r; }",
    )}));\n`,
  );
  writeFileSync(
    cjsHook,
    "const M = require('node:module'); const { writeSync } = require('node:fs'); const load = M._load;\n" +
      "M._load = function (request, parent, isMain) { const r = load.apply(this, arguments); try { writeSync(2, 'LOADED ' + M._resolveFilename(request, parent, isMain) + '\\n'); } catch {} return r; };\n",
  );
  /** What a run loads: required and imported modules (paths from node_modules/ or dist/ on), and bundled ts-graphviz if it ran. */
  const loaded = (args: string[]) => {
    const dir = tmp();
    const coverage = join(dir, 'coverage');
    const r = spawnSync(process.execPath, ['--require', cjsHook, '--import', esmHook, join(ROOT, 'dist/bin/cli.js'), ...args, '--out-dir', dir, LEAK], {
      cwd: ROOT,
      env: { ...process.env, NODE_V8_COVERAGE: coverage },
    });
    expect(r.status, r.stderr.toString()).toBe(0);
    const lines = r.stderr.toString('utf8').split('\n').filter((l) => l.startsWith('LOADED '));
    expect(lines.some((l) => l.includes('dist/bin/main-'))).toBe(false); // the bundle is compiled, not required
    expect(lines.some((l) => /LOADED node:(fs|vm)$/.test(l))).toBe(true); // the hooks work
    const paths = lines.map((l) => l.slice('LOADED '.length).replace(/^(file:\/\/)?.*?\/(node_modules|dist)\//, ''));
    const ran = readdirSync(coverage).flatMap((f) => {
      const { result } = JSON.parse(readFileSync(join(coverage, f), 'utf8')) as { result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[] };
      return result
        .filter((s) => /\/dist\/bin\/main-[^/]+\.js$/.test(s.url))
        .flatMap((s) => s.functions.filter((fn) => /^(dist|node_modules)\//.test(fn.functionName) && fn.ranges[0]!.count > 0))
        .map((fn) => `bundled:${fn.functionName.replace(/^node_modules\//, '')}`);
    });
    expect(ran).toContain('bundled:dist/src/cli/run.js'); // coverage sees the bundle's module inits
    return [...paths, ...ran].filter((u) => /wasm-graphviz|resvg|layout-worker|worker_threads|ts-graphviz/.test(u));
  };
  it('--text loads none of them, not even ts-graphviz or worker threads', () => {
    expect(loaded(['--text'])).toEqual([]);
  });
  it('--dot runs the bundled ts-graphviz, loads neither Graphviz nor resvg', () => {
    const urls = loaded(['--dot']);
    expect(urls.some((u) => u.startsWith('bundled:@ts-graphviz/'))).toBe(true);
    expect(urls.filter((u) => !/ts-graphviz/.test(u))).toEqual([]);
  });
  it('--png loads both, Graphviz inside the layout worker (bundled there: scripts/bundle.mjs)', () => {
    const urls = loaded(['--png']);
    expect(urls).toContain('bin/layout-worker.mjs');
    expect(urls.some((u) => u.startsWith('@hpcc-js/wasm-graphviz/'))).toBe(false);
    expect(urls.some((u) => u.startsWith('@resvg/resvg-js/'))).toBe(true);
  });
});
