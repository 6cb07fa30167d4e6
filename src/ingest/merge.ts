import { UserError } from '../errors.js';
import type { Profile } from '../model/profile.js';

/**
 * PLACEHOLDER until issue 9 lands (the compare branch replaces this file): merging several
 * profiles as pprof's profile.Merge does. One profile passes through; more are refused.
 */
export function mergeProfiles(profiles: Profile[]): Profile {
  if (profiles.length === 1) return profiles[0]!;
  throw new UserError(`merging ${profiles.length} profiles is not supported yet: give one profile`);
}
