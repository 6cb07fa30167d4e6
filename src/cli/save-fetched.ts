import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Profile } from '../model/profile.js';
import { encodeProfile } from '../report/export/proto.js';

/**
 * One part of the saved file's name, from the profile (its binary's base name, its sample types),
 * which is untrusted: a path separator would put the file elsewhere (`inuse/../../x` climbs out of
 * the folder), and a control, bidi or invisible character would reach the terminal with "Saved
 * profile in …" and every later `ls`. Those become `_`. Ordinary names (`allocs`, `inuse_space`)
 * are unchanged.
 */
function namePart(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff/\\]/g, '_');
}

/** The name's prefix cut (at a character) to `max` UTF-8 bytes: file systems refuse names over 255 bytes. */
function capBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  let n = 0;
  for (const c of s) {
    n += Buffer.byteLength(c);
    if (n > max) break;
    out += c;
  }
  return `${out}.`;
}

/**
 * pprof keeps every profile it fetched (internal/driver/fetch.go): the merged profile of the
 * sources, gzipped protobuf, in $PPROF_TMPDIR, else $HOME/pprof, else the temp folder, named
 * `pprof.<binary>.<type>.<type>….<NNN>.pb.gz` with the first free NNN from 001. People compare
 * against that copy later (`--diff_base ~/pprof/pprof.…001.pb.gz`). Returns the path, or throws.
 */
export function saveFetched(p: Profile, env: NodeJS.ProcessEnv): string {
  const dirs = [env['PPROF_TMPDIR'], env['HOME'] ? join(env['HOME'], 'pprof') : homedir() ? join(homedir(), 'pprof') : undefined, tmpdir()];
  let dir: string | undefined;
  let firstError: unknown;
  for (const d of dirs) {
    if (!d) continue;
    try {
      mkdirSync(d, { recursive: true, mode: 0o755 });
      dir = d;
      break;
    } catch (e) {
      firstError ??= e;
    }
  }
  if (dir === undefined) throw firstError ?? new Error('no folder to save it in');
  let prefix = 'pprof.';
  const main = p.mappings[0]?.file ?? '';
  if (main !== '') prefix += `${namePart(basename(main))}.`;
  for (const t of p.sampleTypes) prefix += `${namePart(t.type)}.`;
  prefix = capBytes(prefix, 200);
  const data = gzipSync(encodeProfile(p));
  for (let i = 1; i < 10000; i++) {
    const path = join(dir, `${prefix}${String(i).padStart(3, '0')}.pb.gz`);
    try {
      writeFileSync(path, data, { flag: 'wx', mode: 0o644 });
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`no free name of the form ${prefix}NNN.pb.gz in ${dir}`);
}
