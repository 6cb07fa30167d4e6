/**
 * The HTML reports the page's browser tests open, made by the built CLI, and the command line's
 * answers (--text, --dot, --peek, --list) they are compared with.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { prng } from '../../bench/synth-profile.js';
import { runCli } from './cli.js';
import { heapProfile, type HeapSample } from './hostile-profile.js';
import { parseDot } from './dot-parse.js';
import { type RefineState, refineFlags } from './refine-state.js';
import { parseTextOutput, type TextOutput } from './text-output.js';

export const WORKLOAD = 'samples/workload/leak.pb.gz';
export const LABELS = 'samples/labels.pb.gz';
/** Where the workload's main.go is: its profile names it `userleak/main.go` (samples/workload/README.md). */
export const WORKLOAD_SOURCES = ['--trim_path=userleak', '--source_path=workload/go'];

/**
 * Writes the synthetic heap profile to `dir`: 40 functions in 6 packages called as a ternary tree
 * from main.main (a graph Graphviz lays out quickly, unlike random stacks over every function),
 * 400 samples at seeded random nodes, each labelled with a shard.
 */
export function writeSyntheticProfile(dir: string): string {
  const path = join(dir, 'synth.pb.gz');
  const names = ['main.main', ...Array.from({ length: 39 }, (_, i) => `example.com/app/pkg${(i + 1) % 6}.fn${i + 1}`)];
  const rnd = prng(19);
  const samples: HeapSample[] = Array.from({ length: 400 }, () => {
    const stack = [1 + Math.floor(rnd() * (names.length - 1))];
    while (stack.at(-1)! > 0) stack.push(Math.floor((stack.at(-1)! - 1) / 3));
    const objects = 1 + Math.floor(rnd() * 50);
    return { stack, values: [objects, objects * (16 << Math.floor(rnd() * 8))], labels: [['shard', `s${stack[0]! % 3}`]] };
  });
  writeFileSync(path, gzipSync(heapProfile({ functions: names, samples, file: (i) => `/src/app/pkg${i % 6}/file${i % 4}.go` })));
  return path;
}

/** `gen-report INPUT --html` into its own folder of `dir`; returns the page's path. */
export function makeReport(dir: string, name: string, input: string, extra: string[] = []): string {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  const r = runCli([input, '--html', '--out-dir', out, '-q', ...extra]);
  if (r.code !== 0) throw new Error(`gen-report ${input} --html failed (${r.code}): ${r.stderr}`);
  const html = readdirSync(out).filter((f) => f.endsWith('.html'));
  if (html.length !== 1) throw new Error(`gen-report ${input} --html wrote ${html.join(', ') || 'no .html'} in ${out}`);
  return join(out, html[0]!);
}

function stdout(args: string[]): string {
  const r = runCli(args);
  expect(r.code, `gen-report ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** `gen-report INPUT --text` with the state's flags, parsed. */
export function cliText(input: string, s: RefineState): TextOutput {
  return parseTextOutput(stdout([input, '--text', ...refineFlags(s)]));
}

/** `--peek RE` stdout with the state's flags. */
export function cliPeek(input: string, s: RefineState, re: string): string {
  return stdout([input, `--peek=${re}`, ...refineFlags(s)]);
}

/** `--list RE` stdout with the state's flags and `extra` (source path options). */
export function cliList(input: string, s: RefineState, re: string, extra: string[] = []): string {
  return stdout([input, `--list=${re}`, ...extra, ...refineFlags(s)]);
}

/** The call graph's nodes but the tag nodes (`NN…`) for the state as `--dot` prints them: non-empty label lines joined by "\n", sorted. */
export function cliGraphNodes(input: string, s: RefineState): string[] {
  const dot = parseDot(stdout([input, '--dot', '-o', '-', ...refineFlags(s)]));
  const out: string[] = [];
  for (const [name, attrs] of dot.nodes) {
    if (name.startsWith('NN') || attrs['label'] === undefined) continue;
    // Graphviz ends a line at \n, \l or \r and shows \\ as \; an empty line draws no <text>.
    const lines = attrs['label'].split(/\\[nlr]/).map((l) => l.replace(/\\\\/g, '\\'));
    out.push(lines.filter((l) => l !== '').join('\n'));
  }
  return out.sort();
}
