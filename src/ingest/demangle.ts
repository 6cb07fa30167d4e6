import type { Profile } from '../model/profile.js';

/**
 * pprof's symbolizer heuristics for names that look like demangled C++ (`::`, `<>`, `[]`): drop
 * parameter lists and template arguments, as `go tool pprof` does on every profile it symbolizes.
 * (Itanium `_Z…` mangled names are left as they are: Go and Node heap profiles carry none.)
 */
export function simplifyDemangledNames(p: Profile): Profile {
  let changed = false;
  const functions = p.functions.map((f) => {
    if (f.name !== '' && f.systemName !== f.name) return f; // already demangled by the writer
    let name = f.systemName;
    if (looksLikeDemangledCPlusPlus(name)) name = removeMatching(removeMatching(name, '(', ')'), '<', '>');
    if (name === f.name) return f;
    changed = true;
    return { ...f, name };
  });
  return changed ? { ...p, functions } : p;
}

function looksLikeDemangledCPlusPlus(s: string): boolean {
  if (s.includes('.<')) return false; // Java "class.<init>"
  if (s.includes(']).')) return false; // Go "foo.(*Bar[...]).Method"
  return /[<>[\]]/.test(s) || s.includes('::');
}

/** Removes nested start…end groups; a mismatched closer leaves the name unchanged. */
export function removeMatching(name: string, start: string, end: string): string {
  let nesting = 0;
  let first = 0;
  for (let cur = 0; cur < name.length; cur++) {
    const c = name[cur];
    if (c === start) {
      nesting++;
      if (nesting === 1) first = cur;
    } else if (c === end) {
      nesting--;
      if (nesting < 0) return name;
      if (nesting === 0) {
        name = name.slice(0, first) + name.slice(cur + 1);
        cur = first - 1;
      }
    }
  }
  return name;
}
