import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { formatRecord, type FormatRecord } from '../report/formats.js';
import type { CliOptions, Format } from './options.js';

/** Where one format's output goes. */
export type Destination = { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'append'; path: string };

/** What standard output is: a regular file (`> heap.gv`), a terminal, or anything else (a pipe, /dev/null). */
export type StdoutKind = 'file' | 'tty' | 'other';

const record = (f: Format): FormatRecord => formatRecord(f)!;

/**
 * - `--output FILE` (one format): that file, `-` = stdout; `--json=FILE`, `--markdown=FILE` likewise;
 * - the text reports (--text, --tree, --peek, --traces, --tags, --list): stdout, as pprof's;
 * - Markdown: appended to `$GITHUB_STEP_SUMMARY` when it is set (GitHub Actions), else stdout, as
 *   pprof-like tools print their reports;
 * - every other format: `<out-dir>/<stem>.<ext>`, except pprof's redirection rule: when standard
 *   output is a regular file (`--dot > heap.gv`) and that one format is all that was asked for,
 *   with neither --output nor --out-dir, it goes to standard output (in pipes, as in CI logs,
 *   files are written as before).
 * A binary format never goes to a terminal. A summary (JSON, Markdown) sharing stdout with another output would be unreadable: a usage error.
 */
export function destinations(
  opts: CliOptions,
  stem: string,
  env: NodeJS.ProcessEnv,
  stdoutKind: () => StdoutKind = () => 'other',
): Map<Format, Destination> {
  const out = new Map<Format, Destination>();
  const redirected =
    opts.formats.length === 1 && opts.output === null && !opts.outDirGiven && opts.files[opts.formats[0]!] === undefined && stdoutKind() === 'file';
  for (const f of opts.formats) {
    const named = opts.output ?? opts.files[f] ?? null;
    let d: Destination;
    if (named === '-') d = { kind: 'stdout' };
    else if (redirected && record(f).destination !== 'step-summary') d = { kind: 'stdout' };
    else if (named !== null) d = { kind: 'file', path: named };
    else if (record(f).destination === 'stdout') d = { kind: 'stdout' };
    else if (record(f).destination === 'step-summary') d = env['GITHUB_STEP_SUMMARY'] ? { kind: 'append', path: env['GITHUB_STEP_SUMMARY'] } : { kind: 'stdout' };
    else d = { kind: 'file', path: join(opts.outDir, `${stem}.${record(f).ext}`) };
    out.set(f, d);
  }
  for (const [f, d] of out) {
    if (d.kind === 'stdout' && record(f).binary && stdoutKind() === 'tty') {
      throw new UsageError(`--${f} is binary: not printed on a terminal (redirect it, > ${stem}.${record(f).ext}, or give --output FILE)`);
    }
  }
  // pprof's text reports follow each other on stdout; a summary there must stay alone (machine-read).
  const onStdout = [...out].filter(([, d]) => d.kind === 'stdout').map(([f]) => f);
  if (onStdout.length > 1 && onStdout.some((f) => record(f).summary)) {
    throw new UsageError(`${onStdout.map((f) => `--${f}`).join(' and ')} would all print on stdout: send all but one to a file (--markdown=FILE, --json=FILE, --out-dir)`);
  }
  return out;
}
