import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { reporters } from '../report/reporters.js';
import type { CliOptions, Format } from './options.js';

/** Where one format's output goes. */
export type Destination = { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'append'; path: string };

/** File extension of a format (the summaries are not reporters: they also need the budgets and the file list). */
function extension(f: Format): string {
  return f === 'json' ? 'json' : f === 'markdown' ? 'md' : reporters[f]!.ext;
}

/**
 * - `--output FILE` (one format): that file, `-` = stdout; `--json=FILE`, `--markdown=FILE` likewise;
 * - the text reports (--text, --tree, --peek, --traces, --tags, --list): stdout, as pprof's;
 * - Markdown: appended to `$GITHUB_STEP_SUMMARY` when it is set (GitHub Actions), else stdout, as
 *   pprof-like tools print their reports;
 * - every other format: `<out-dir>/<stem>.<ext>`.
 * A summary (JSON, Markdown) sharing stdout with another output would be unreadable: a usage error.
 */
export function destinations(opts: CliOptions, stem: string, env: NodeJS.ProcessEnv): Map<Format, Destination> {
  const out = new Map<Format, Destination>();
  for (const f of opts.formats) {
    const named = opts.output ?? opts.files[f] ?? null;
    let d: Destination;
    if (named === '-') d = { kind: 'stdout' };
    else if (named !== null) d = { kind: 'file', path: named };
    else if (reporters[f]?.stdout) d = { kind: 'stdout' };
    else if (f === 'markdown') d = env['GITHUB_STEP_SUMMARY'] ? { kind: 'append', path: env['GITHUB_STEP_SUMMARY'] } : { kind: 'stdout' };
    else d = { kind: 'file', path: join(opts.outDir, `${stem}.${extension(f)}`) };
    out.set(f, d);
  }
  // pprof's text reports follow each other on stdout; a summary there must stay alone (machine-read).
  const onStdout = [...out].filter(([, d]) => d.kind === 'stdout').map(([f]) => f);
  if (onStdout.length > 1 && onStdout.some((f) => f === 'json' || f === 'markdown')) {
    throw new UsageError(`${onStdout.map((f) => `--${f}`).join(' and ')} would all print on stdout: send all but one to a file (--markdown=FILE, --json=FILE, --out-dir)`);
  }
  return out;
}
