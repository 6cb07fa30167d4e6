import { loadProfile } from '../ingest/load.js';
import type { Profile } from '../model/profile.js';
import type { CliOptions } from './options.js';
import { readSources } from './sources.js';

/** Reads (files, URLs, `-`) and parses every source, in order: one Profile each. */
export async function loadProfiles(inputs: string[], opts: CliOptions): Promise<Profile[]> {
  const sources = await readSources(inputs, {
    maxBytes: opts.maxInflate,
    maxFetch: opts.maxFetch,
    timeoutSeconds: opts.timeoutSeconds,
    seconds: opts.seconds,
  });
  const profiles: Profile[] = [];
  for (const src of sources) {
    profiles.push(await loadProfile(src.bytes, src.name, { maxInflate: opts.maxInflate, mergeAnonymous: opts.mergeAnonymous }));
  }
  return profiles;
}
