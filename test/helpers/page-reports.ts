/**
 * The HTML reports the page's browser tests open, made by the built CLI, and the command line's
 * answers (--text, --dot, --peek, --list) they are compared with.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { synthProfile } from '../../bench/synth-profile.js';
import { runCli } from './cli.js';
import { parseDot } from './dot-parse.js';
import { type RefineState, refineFlags } from './refine-state.js';
import { parseTextOutput, type TextOutput } from './text-output.js';

export const WORKLOAD = 'samples/workload/leak.pb.gz';
export const LABELS = 'samples/labels.pb.gz';
/** Where the workload's main.go is: its profile names it `userleak/main.go` (samples/workload/README.md). */
export const WORKLOAD_SOURCES = ['--trim_path=userleak', '--source_path=workload/go'];

/** Writes the synthetic heap profile (four sample types, 60 functions in 7 packages) to `dir`. */
export function writeSyntheticProfile(dir: string): string {
  const path = join(dir, 'synth.pb.gz');
  writeFileSync(path, gzipSync(synthProfile({ functions: 60, samples: 3000, seed: 19, maxDepth: 10, mappingFile: '/bin/synth' })));
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

/** The call graph's nodes for the state as `--dot` prints them: each `N<k>` node's label lines joined by "\n", sorted. */
export function cliGraphNodes(input: string, s: RefineState): string[] {
  const dot = parseDot(stdout([input, '--dot', '-o', '-', ...refineFlags(s)]));
  const out: string[] = [];
  for (const [id, attrs] of dot.nodes) {
    if (!/^N\d+$/.test(id) || attrs['label'] === undefined) continue;
    // Graphviz ends a line at \n, \l or \r and shows \\ as \ and \" as ".
    const lines = attrs['label'].split(/\\[nlr]/).map((l) => l.replace(/\\\\/g, '\\'));
    if (lines.at(-1) === '') lines.pop();
    out.push(lines.join('\n'));
  }
  return out.sort();
}
