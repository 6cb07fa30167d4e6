import type { MemStat } from '../model/profile.js';

const MARKER = /^#[\t ]*runtime\.MemStats[\t ]*$/;
const STAT = /^#[\t ]*([^\t =]+)[\t ]*=[\t ]*(.*?)[\t ]*$/;

/**
 * Go's debug=1 heap writer ends with a `# runtime.MemStats` block of `# Name = value` lines
 * (`# Stack = 262144 / 262144`, `# PauseNs = [...]`). Returns them in file order; values are kept
 * as written. `lines` are the file's lines; the block ends at the first line that is not a
 * `#` line (blank lines inside are skipped) and must be the last thing in the file.
 */
export function parseMemStats(lines: string[]): MemStat[] {
  const out: MemStat[] = [];
  // The block is the file's trailing run of `#` and blank lines: look for its marker there only.
  let i = lines.length - 1;
  for (; i >= 0; i--) {
    const l = lines[i]!.trim();
    if (MARKER.test(l)) break;
    if (l !== '' && !l.startsWith('#')) return out;
  }
  if (i < 0) return out;
  for (i++; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '') continue;
    if (!l.startsWith('#')) break;
    const m = STAT.exec(l);
    if (m) out.push({ name: m[1]!, value: m[2]! });
  }
  return out;
}
