import type { Profile } from '../model/profile.js';

const JS_FILE = /(^node:)|\.(m|c)?[jt]sx?$/;
const ANONYMOUS = /^\(anonymous/;

/**
 * Node heap profiles (@datadog/pprof) name every unnamed function `(anonymous:L#12:C#5)` or
 * `(anonymous)`. pprof merges functions by name, so closures from different files would fold into
 * one node. For JavaScript files, an anonymous function's name gets its file (last two path
 * segments) appended — `(anonymous:L#1:C#1) encodings/utf7.js` — the same in every snapshot, so
 * diffs and leak series still line up. Named functions keep pprof's by-name merging.
 */
export function qualifyAnonymousJsFunctions(p: Profile): Profile {
  let changed = false;
  const functions = p.functions.map((f) => {
    if (!ANONYMOUS.test(f.name) || !JS_FILE.test(f.filename)) return f;
    changed = true;
    const where = f.filename.split('/').filter(Boolean).slice(-2).join('/');
    return { ...f, name: `${f.name} ${where}` };
  });
  return changed ? { ...p, functions } : p;
}
