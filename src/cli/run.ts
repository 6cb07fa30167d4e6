import { join } from 'node:path';
import { DEFAULTS } from '../config/defaults.js';
import { loadProfile } from '../ingest/load.js';
import { mergeProfiles } from '../ingest/merge.js';
import type { Profile } from '../model/profile.js';
import { createContext } from '../report/context.js';
import { reporters } from '../report/reporters.js';
import type { CliOptions } from './options.js';
import { readSources, stemOf } from './sources.js';
import { inputGuard, prepareTarget, writeAtomic } from './write.js';

export interface RunIO {
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
}

/** Loads the inputs, renders every requested format, writes the files. Returns the exit code. */
export async function run(opts: CliOptions, io: RunIO): Promise<number> {
  for (const w of opts.warnings) io.stderr(`gen-report: warning: ${w}\n`);
  const sources = await readSources(opts.inputs, {
    maxBytes: opts.maxInflate,
    maxFetch: opts.maxFetch,
    timeoutSeconds: opts.timeoutSeconds,
    seconds: opts.seconds,
  });
  const profiles: Profile[] = [];
  for (const src of sources) profiles.push(await loadProfile(src.bytes, src.name, { maxInflate: opts.maxInflate, mergeAnonymous: opts.mergeAnonymous }));
  const profile = profiles.length === 1 ? profiles[0]! : mergeProfiles(profiles);
  const stem = stemOf(opts.inputs[0]!, DEFAULTS.stdinStem);
  const ctx = createContext(profile, opts.report, stem, (msg) => io.stderr(`gen-report: warning: ${msg}\n`), opts.render);

  // Where each file goes; refuse up front (before any rendering or writing) to overwrite an input.
  const guard = await inputGuard(opts.inputs);
  const targets = new Map<string, string>();
  for (const format of opts.formats) {
    if (opts.output === '-' || (opts.output === null && reporters[format]!.stdout === true)) continue;
    const path = opts.output ?? join(opts.outDir, `${stem}.${reporters[format]!.ext}`);
    await guard.check(path);
    await prepareTarget(path);
    targets.set(format, path);
  }

  // Render everything first, so that an error in one format leaves no file of any format behind.
  const rendered: { format: string; data: string | Uint8Array }[] = [];
  for (const format of opts.formats) {
    const r = reporters[format]!;
    rendered.push({ format, data: await r.render(ctx) });
  }
  for (const out of rendered) {
    // Text reports (--text, --tree, --peek, --traces, --tags, --list) go to stdout, as pprof's do.
    const path = targets.get(out.format);
    if (path === undefined) {
      io.stdout(out.data);
      continue;
    }
    await writeAtomic(path, out.data);
    if (!opts.quiet) io.stderr(`wrote ${path}\n`);
  }
  return 0;
}
