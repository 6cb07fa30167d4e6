import { parseProfile } from '../ingest/parse.js';
import type { Profile } from '../model/profile.js';
import { readSource } from './sources.js';

/** Reads and parses every source (files, `-`), in order: one Profile each. */
export async function loadProfiles(inputs: string[], o: { maxInflate: number; mergeAnonymous?: boolean }): Promise<Profile[]> {
  const out: Profile[] = [];
  for (const input of inputs) {
    const src = await readSource(input);
    out.push(parseProfile(src.bytes, src.name, { maxInflate: o.maxInflate, mergeAnonymous: o.mergeAnonymous }));
  }
  return out;
}
