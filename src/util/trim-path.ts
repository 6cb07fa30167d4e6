import { baseName } from './paths.js';

/** Go's filepath.SplitList: "" is no element at all. */
export function splitList(list: string): string[] {
  return list === '' ? [] : list.split(':');
}

/**
 * pprof's trimPath: without --trim_path, strip everything up to `/<base of a search dir>/`; then
 * strip a configured prefix or /proc/self/cwd/. Used on every function's file name (so names in
 * reports change) and when --list opens a source file.
 */
export function trimSourcePath(path: string, trimPath: string, searchPath: string): string {
  if (trimPath === '') {
    for (const dir of splitList(searchPath)) {
      const want = `/${baseName(dir)}/`;
      const found = path.indexOf(want);
      if (found !== -1) return path.slice(found + want.length);
    }
  }
  for (let t of [...splitList(trimPath), '/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (!t.endsWith('/')) t += '/';
    if (path.startsWith(t)) return path.slice(t.length);
  }
  return path;
}
