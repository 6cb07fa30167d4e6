import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { CliOptions, Format } from './options.js';

/** Where one format's output goes. */
export type Destination = { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'append'; path: string };

/** File extension of each format. */
export const EXTENSIONS: Record<Format, string> = { text: 'txt', dot: 'gv', svg: 'svg', png: 'png', html: 'html', json: 'json', markdown: 'md' };

/**
 * - `--output FILE` (one format): that file, `-` = stdout; `--json=FILE`, `--markdown=FILE` likewise;
 * - text: stdout;
 * - Markdown: appended to `$GITHUB_STEP_SUMMARY` when it is set (GitHub Actions), else stdout, as
 *   pprof-like tools print their reports;
 * - every other format: `<out-dir>/<stem>.<ext>`.
 * Two outputs on stdout would interleave: that is a usage error.
 */
export function destinations(opts: CliOptions, stem: string, env: NodeJS.ProcessEnv): Map<Format, Destination> {
  const out = new Map<Format, Destination>();
  for (const f of opts.formats) {
    const named = opts.output ?? opts.files[f] ?? null;
    let d: Destination;
    if (named === '-') d = { kind: 'stdout' };
    else if (named !== null) d = { kind: 'file', path: named };
    else if (f === 'text') d = { kind: 'stdout' };
    else if (f === 'markdown') d = env['GITHUB_STEP_SUMMARY'] ? { kind: 'append', path: env['GITHUB_STEP_SUMMARY'] } : { kind: 'stdout' };
    else d = { kind: 'file', path: join(opts.outDir, `${stem}.${EXTENSIONS[f]}`) };
    out.set(f, d);
  }
  const onStdout = [...out].filter(([, d]) => d.kind === 'stdout').map(([f]) => `--${f}`);
  if (onStdout.length > 1) {
    throw new UsageError(`${onStdout.join(' and ')} would all print on stdout: send all but one to a file (--markdown=FILE, --json=FILE, --out-dir)`);
  }
  return out;
}
