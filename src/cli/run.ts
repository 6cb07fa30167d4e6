import { join } from 'node:path';
import { DEFAULTS } from '../config/defaults.js';
import { UsageError } from '../errors.js';
import { parseProfile } from '../ingest/parse.js';
import { createContext } from '../report/context.js';
import { reporters } from '../report/reporters.js';
import type { CliOptions } from './options.js';
import { readSource, stemOf } from './sources.js';
import { writeAtomic } from './write.js';

export interface RunIO {
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
}

/** Loads the inputs, renders every requested format, writes the files. Returns the exit code. */
export async function run(opts: CliOptions, io: RunIO): Promise<number> {
  for (const w of opts.warnings) io.stderr(`gen-report: warning: ${w}\n`);
  if (opts.inputs.length > 1) {
    throw new UsageError('several profiles at once are not supported yet: give one profile');
  }
  const input = opts.inputs[0]!;
  const src = await readSource(input);
  const profile = parseProfile(src.bytes, src.name, { maxInflate: opts.maxInflate, mergeAnonymous: opts.mergeAnonymous });
  const stem = stemOf(input, DEFAULTS.stdinStem);
  const ctx = createContext(profile, opts.report, stem, (msg) => io.stderr(`gen-report: warning: ${msg}\n`), opts.render);

  // Render everything first, so that an error in one format leaves no file of any format behind.
  const rendered: { format: string; ext: string; stdout: boolean; data: string | Uint8Array }[] = [];
  for (const format of opts.formats) {
    const r = reporters[format]!;
    rendered.push({ format, ext: r.ext, stdout: r.stdout === true, data: await r.render(ctx) });
  }
  for (const out of rendered) {
    // Text reports (--text, --tree, --peek, --traces, --tags, --list) go to stdout, as pprof's do.
    if (opts.output === '-' || (opts.output === null && out.stdout)) {
      io.stdout(out.data);
      continue;
    }
    const path = opts.output ?? join(opts.outDir, `${stem}.${out.ext}`);
    await writeAtomic(path, out.data);
    if (!opts.quiet) io.stderr(`wrote ${path}\n`);
  }
  return 0;
}
