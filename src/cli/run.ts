import { join } from 'node:path';
import { DEFAULTS } from '../config/defaults.js';
import { subtractBase } from '../compare/diff.js';
import { mergeProfiles } from '../ingest/merge.js';
import { createContext } from '../report/context.js';
import { reporters } from '../report/reporters.js';
import type { CliOptions } from './options.js';
import { leaksContext } from './leaks.js';
import { loadProfiles } from './load.js';
import { stemOf } from './sources.js';
import { writeAtomic } from './write.js';

export interface RunIO {
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
}

/** Loads the inputs, renders every requested format, writes the files. Returns the exit code. */
export async function run(opts: CliOptions, io: RunIO): Promise<number> {
  for (const w of opts.warnings) io.stderr(`gen-report: warning: ${w}\n`);
  const input = opts.inputs[0]!;
  const profiles = await loadProfiles(opts.inputs, opts);
  const stem = stemOf(input, DEFAULTS.stdinStem);
  const warn = (msg: string) => io.stderr(`gen-report: warning: ${msg}\n`);
  let ctx;
  if (opts.leaks) {
    ctx = leaksContext(profiles, opts.inputs, opts.report, warn, opts.render);
  } else {
    // Several sources are merged into one profile, as go tool pprof does.
    let profile = profiles.length === 1 ? profiles[0]! : mergeProfiles(profiles);
    if (opts.base.length > 0) {
      const bases = await loadProfiles(opts.base, opts);
      const base = bases.length === 1 ? bases[0]! : mergeProfiles(bases);
      profile = subtractBase(profile, base, { diff: opts.diffBase, normalize: opts.normalize });
    }
    ctx = createContext(profile, opts.report, stem, warn, opts.render);
  }

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
    const path = opts.output ?? join(opts.outDir, `${ctx.stem}.${out.ext}`);
    await writeAtomic(path, out.data);
    if (!opts.quiet) io.stderr(`wrote ${path}\n`);
  }
  return 0;
}
