import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

/**
 * The package as users get it: `npm pack` (of the current build), installed into an empty folder
 * from the tarball, then run through `npx` — no access to this repository's files.
 */
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const work = mkdtempSync(join(tmpdir(), 'gen-report-pack-'));
const app = join(work, 'app');
let files: string[] = [];

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
const npx = (args: string[]) =>
  spawnSync('npx', ['--no-install', 'gen-report', ...args], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', GITHUB_STEP_SUMMARY: '' }, timeout: 120_000 });

beforeAll(() => {
  // --ignore-scripts: pack the build under test (prepack would rebuild it).
  const out = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT)) as { filename: string; files: { path: string }[] }[];
  files = out[0]!.files.map((f) => f.path);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  npm(['install', join(work, out[0]!.filename), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
}, 240_000);

describe('npm pack', () => {
  it('holds the build, the templates, the schema, README, LICENSE and package.json, nothing else', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(files).toContain('docs/report.schema.json');
    expect(files).toContain('dist/bin/cli.js');
    expect(files).toContain('dist/bin/layout-worker.mjs');
    expect(files).toContain('dist/bin/package.json');
    expect(files.filter((f) => /^dist\/bin\/main-[^/]+\.js$/.test(f))).toHaveLength(1);
    // No V8 code cache: only the V8 that made one takes it (the first run makes it, scripts/launcher.cjs).
    expect(files.filter((f) => f.endsWith('.cache'))).toEqual([]);
    // One typeface: the TTF for PNGs, the HTML page's WOFF2 derived from it, its licence.
    expect(files.filter((f) => f.startsWith('dist/fonts/')).sort()).toEqual(['dist/fonts/Arimo-Regular.ttf', 'dist/fonts/OFL.txt', 'dist/fonts/arimo-latin-400.woff2']);
    expect(files).toContain('dist/src/index.d.ts');
    // Nothing stale: every compiled file has its source (the build starts from an empty dist/).
    for (const f of files.filter((p) => p.startsWith('dist/src/') && p.endsWith('.js'))) expect(existsSync(join(ROOT, f.replace(/^dist\//, '').replace(/\.js$/, '.ts'))), f).toBe(true);
    // Every template file of the repository ships, not its developer notes (README.md).
    const tdir = join(ROOT, 'templates');
    const templates = existsSync(tdir) ? readdirSync(tdir, { recursive: true, encoding: 'utf8' }).filter((t) => statSync(join(tdir, t)).isFile() && !t.endsWith('.md')) : [];
    for (const t of templates) expect(files).toContain(`templates/${t}`);
    const allowed = /^(package\.json|README\.md|LICENSE|docs\/report\.schema\.json|dist\/src\/.+\.(js|d\.ts)|dist\/bin\/([^/]+\.(js|mjs)|package\.json)|dist\/fonts\/[^/]+|dist\/page\/[^/]+\.js|templates\/.+\.(hbs|css|js))$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  });
  it('no font package is installed with it: the font ships in dist/fonts', () => {
    expect(Object.keys(PKG.dependencies).filter((d) => /font/i.test(d))).toEqual([]);
    expect(readdirSync(join(app, 'node_modules')).filter((d) => /font/i.test(d))).toEqual([]);
    expect(existsSync(join(app, 'node_modules/gen-report/dist/fonts/Arimo-Regular.ttf'))).toBe(true);
  });
});

describe('installed from the tarball', () => {
  it('npx gen-report --version', () => {
    const r = npx(['--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${PKG.version}\n`);
  });
  it('a real report: --text on stdout, --dot, --json and --markdown files, same bytes as from the repository', () => {
    copyFileSync(join(ROOT, 'samples/workload/leak.pb.gz'), join(app, 'leak.pb.gz'));
    const args = ['leak.pb.gz', '--text', '--dot', '--json', '--markdown=out/summary.md', '--out-dir', 'out', '--max-total', '64MiB', '--quiet'];
    const r = npx(args);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Type: inuse_space$/m);
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-pack-ref-'));
    copyFileSync(join(ROOT, 'samples/workload/leak.pb.gz'), join(dir, 'leak.pb.gz'));
    const ref = runCli(args, { cwd: dir });
    expect(r.stdout).toBe(ref.stdout);
    for (const f of ['leak.gv', 'leak.json', 'summary.md']) {
      expect(readFileSync(join(app, 'out', f), 'utf8'), f).toBe(readFileSync(join(dir, 'out', f), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(app, 'out/leak.json'), 'utf8')).budgets.ok).toBe(true);
  });
  it('--svg, --png and --html work from the package wherever they work from the repository', () => {
    for (const f of ['svg', 'png', 'html']) {
      const dir = mkdtempSync(join(tmpdir(), 'gen-report-pack-ref-'));
      const ref = runCli([join(ROOT, 'samples/recursion.pb.gz'), `--${f}`, '--out-dir', dir, '--quiet']);
      if (ref.code !== 0) {
        expect(ref.stderr, `--${f} fails in the repository too`).toMatch(/not available in this build yet/);
        continue;
      }
      const r = npx([join(ROOT, 'samples/recursion.pb.gz'), `--${f}`, '--out-dir', 'out', '--quiet']);
      expect(r.status, `--${f}: ${r.stderr}`).toBe(0);
      expect(readFileSync(join(app, 'out', `recursion.${f}`)).equals(readFileSync(join(dir, `recursion.${f}`))), f).toBe(true);
    }
  });
  it("the README's library examples: type-checked against the installed package's types, then run", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Library\n'), readme.indexOf('\n## ', readme.indexOf('\n## Library\n') + 1));
    const examples = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples).toHaveLength(3);
    mkdirSync(join(app, 'examples'));
    examples.forEach((code, i) => writeFileSync(join(app, 'examples', `example-${i + 1}.ts`), code));
    // Node's types from this repository (the app has none installed); gen-report's own come from the package.
    const tsconfig = {
      compilerOptions: {
        target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmitOnError: true,
        rootDir: 'examples', outDir: 'examples-js', typeRoots: [join(ROOT, 'node_modules/@types')], types: ['node'],
      },
      include: ['examples/*.ts'],
    };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    copyFileSync(join(ROOT, 'samples/workload/leak.pb.gz'), join(app, 'heap.pb.gz'));
    const node = (i: number) => spawnSync(process.execPath, [join('examples-js', `example-${i}.js`)], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' }, timeout: 120_000 });
    const ref = runCli([join(ROOT, 'samples/workload/leak.pb.gz'), '--text', '--nodecount=20']);

    const one = node(1);
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    const out = join(app, 'heap-report');
    expect(one.stdout).toBe(
      `${ref.stdout}\ntotal 4682.16kB, budgets ok\n${['heap.svg', 'heap.json', 'heap.md'].map((f) => `wrote heap-report/${f}\n`).join('')}`,
    );
    expect(readdirSync(out).sort()).toEqual(['heap.json', 'heap.md', 'heap.svg']);
    expect(JSON.parse(readFileSync(join(out, 'heap.json'), 'utf8')).budgets.ok).toBe(true);

    const two = node(2);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe('');
    expect(two.stderr).toBe('InputError (exit 2): missing.pb.gz: no such file\nthe profile: missing.pb.gz\n');

    const three = node(3);
    expect(three.stderr).toBe('');
    expect(three.status).toBe(0);
    const allocs = runCli([join(ROOT, 'samples/workload/leak.pb.gz'), '--text', '--sample_index=alloc_space', '--nodecount=10']);
    expect(three.stdout).toBe(`alloc_objects alloc_space inuse_objects inuse_space\n${allocs.stdout}\n`);
    expect(readFileSync(join(app, 'alloc.png')).subarray(1, 4).toString()).toBe('PNG');
  });
  it('the library entry and the schema resolve through "exports"', () => {
    const code = `import('gen-report').then(async (m) => {
      const { createRequire } = await import('node:module');
      const req = createRequire(import.meta.url);
      const schema = req('gen-report/report.schema.json');
      console.log(typeof m.parseProfile, typeof m.createContext, schema.properties.schema.const);
    });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: app, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('function function gen-report/1\n');
  });
});
