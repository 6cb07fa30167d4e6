import { InputError } from '../errors.js';
import type { Profile } from '../model/profile.js';
import { checkInflatedSize, isGzip } from './gunzip.js';
import { parseProfile, type ParseOptions } from './parse.js';

/**
 * `parseProfile` for untrusted bytes: gzip input is first streamed through zlib counting the
 * output, so that a gzip bomb is refused in constant memory instead of after inflating up to
 * `maxInflate` bytes. Throws InputError.
 */
export async function loadProfile(bytes: Uint8Array, source: string, opts: ParseOptions): Promise<Profile> {
  if (isGzip(bytes)) {
    try {
      await checkInflatedSize(bytes, opts.maxInflate);
    } catch (e) {
      throw new InputError(source, (e as Error).message);
    }
  }
  return parseProfile(bytes, source, opts);
}
