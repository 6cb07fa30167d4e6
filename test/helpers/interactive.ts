import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from './cli.js';
import { parseDot } from './dot-parse.js';
import { normalizeText } from './goldens.js';

export const INTERACTIVE = join(ROOT, 'test/goldens/interactive');

export interface InteractiveCase {
  script: string;
  sample: string;
  flags: string[];
  /** The golden's name: test/goldens/README.md's slug, then @SCRIPT. */
  name: string;
}

const clean = (s: string) => s.replace(/[^A-Za-z0-9._=,:-]/g, '_');

/** test/goldens/interactive/cases.txt, as regen.sh reads it. */
export function interactiveCases(): InteractiveCase[] {
  const out: InteractiveCase[] = [];
  for (const raw of readFileSync(join(INTERACTIVE, 'cases.txt'), 'utf8').split('\n')) {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    const [script, sample, ...flags] = words as [string, string, ...string[]];
    const slug = [clean(sample.replace(/^samples\//, '')), ...flags.map((f) => clean(f.replace(/^-/, '')))].join('@');
    out.push({ script, sample, flags, name: `${slug}@${script}` });
  }
  return out;
}

/**
 * Runs `gen-report -i FLAGS SAMPLE` with `commands` on stdin, stdout and stderr into one file (the
 * order a user sees). `$OUT` in the commands is a scratch folder, written back as `$OUT`.
 */
export function runInteractiveScript(c: { sample: string; flags: string[] }, commands: string, env: NodeJS.ProcessEnv = {}): { code: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gen-report-i-'));
  const log = join(dir, 'log');
  const fd = openSync(log, 'w');
  try {
    const r = spawnSync(process.execPath, [CLI, '-i', ...c.flags, c.sample], {
      cwd: ROOT,
      input: commands.replaceAll('$OUT', join(dir, 'out')),
      stdio: ['pipe', fd, fd],
      env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...env },
      timeout: 120_000,
    });
    closeSync(fd);
    return { code: r.status, output: readFileSync(log, 'utf8').replaceAll(join(dir, 'out'), '$OUT').replaceAll(`on path ${ROOT.replace(/\/$/, '')}`, 'on path $ROOT') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A transcript cut at each prompt: [greeting, answer to command 1, answer to command 2, …], with
 * the Time: line down to the minute in Go 1.19's and today's spellings alike (normalizeText), and a
 * DOT answer as its facts (ts-graphviz lays the file out differently from pprof, as in test/cli/pprof-goldens.test.ts).
 */
export function byCommand(transcript: string, prompt: string): string[] {
  return normalizeText(transcript)
    .split(prompt)
    .map((a) => (a.startsWith('digraph') ? JSON.stringify(dotFacts(a), null, 1) : a));
}

const NODE_FACTS = ['label', 'fontsize', 'color', 'fillcolor', 'shape', 'tooltip'];
const EDGE_FACTS = ['label', 'weight', 'penwidth', 'color', 'style', 'minlen', 'tooltip'];

function dotFacts(src: string) {
  const d = parseDot(src);
  const pick = (attrs: Record<string, string>, keys: string[]) => Object.fromEntries(keys.filter((k) => attrs[k] !== undefined).map((k) => [k, attrs[k]!]));
  const nodes: Record<string, Record<string, string>> = {};
  for (const [id, attrs] of d.nodes) if (/^N+\d/.test(id)) nodes[id] = pick(attrs, NODE_FACTS);
  const legend = [...d.nodes.entries()].find(([id]) => !/^N+\d/.test(id) && id !== 'node' && id !== 'edge');
  const edges = d.edges.map((e) => ({ edge: `${e.from} -> ${e.to}`, ...pick(e.attrs, EDGE_FACTS) }));
  return { legend: normalizeText((legend?.[1]['label'] ?? '').replace(/\\l/g, '\n')), nodes, edges };
}
