import type { Profile } from '../model/profile.js';

/** Legacy text heap profiles (Go `debug=1`, gperftools): parser being written (issue 4). */
export function parseLegacyHeap(_text: string): Profile {
  throw new Error('legacy text heap profiles are not supported yet');
}
