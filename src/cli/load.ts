import { loadProfile } from '../io/load-profile.js';
import { notAProfile } from '../ingest/not-a-profile.js';
import type { Profile } from '../model/profile.js';
import type { CliOptions } from './options.js';
import { readSources } from './sources.js';

export interface Loaded {
  profiles: Profile[];
  /** The inputs that were profiles, in order (program binaries left out). */
  inputs: string[];
  /** At least one came over HTTP(S). */
  remote: boolean;
}

/**
 * Reads (files, URLs, `-`) and parses every source, in order: one Profile each. With `note`, a
 * program binary among them (`gen-report ./server heap.prof`, as pprof's walkthroughs type it)
 * is skipped with one note: the profiles this tool reads carry their function names. Their
 * drop_frames are not applied: mergeWithBase does it once they are merged, as pprof does.
 */
export async function loadProfiles(inputs: string[], opts: CliOptions, note?: (msg: string) => void): Promise<Loaded> {
  const sources = await readSources(inputs, {
    maxBytes: opts.maxInflate,
    maxFetch: opts.maxFetch,
    timeoutSeconds: opts.timeoutSeconds,
    seconds: opts.seconds,
  });
  const out: Loaded = { profiles: [], inputs: [], remote: false };
  for (const [i, src] of sources.entries()) {
    const foreign = note ? notAProfile(src.bytes.subarray(0, 4096)) : null;
    if (foreign?.program && sources.length > 1) {
      note!(`${src.name} is a program binary (${foreign.name}): skipped, the function names come from the profile`);
      continue;
    }
    out.profiles.push(await loadProfile(src.bytes, src.name, { maxInflate: opts.maxInflate, mergeAnonymous: opts.mergeAnonymous, dropFrames: false }));
    out.inputs.push(inputs[i]!);
    if (src.remote) out.remote = true;
  }
  return out;
}
