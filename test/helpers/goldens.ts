import { existsSync, readFileSync } from 'node:fs';
import { ROOT } from './cli.js';

export interface GoldenCase {
  sample: string;
  flags: string[];
  /** Path of the golden pprof output (.txt, .gv) or error (.err), relative to the repo. */
  golden: string;
  kind: 'text' | 'dot' | 'err';
}

/** test/goldens/cases.txt, with golden names made by regen.sh's slug rule. */
export function goldenCases(): GoldenCase[] {
  const src = readFileSync(`${ROOT}test/goldens/cases.txt`, 'utf8');
  const out: GoldenCase[] = [];
  for (const raw of src.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const [sample, ...flags] = line.split(/\s+/) as [string, ...string[]];
    const clean = (x: string) => x.replace(/[^A-Za-z0-9._=,:-]/g, '_');
    let slug = clean(sample.replace(/^samples\//, ''));
    for (const f of flags) slug += `@${clean(f.replace(/^-/, ''))}`;
    const base = `test/goldens/pprof/${slug}`;
    const ext = flags.includes('-dot') ? 'gv' : 'txt';
    if (existsSync(`${ROOT}${base}.err`)) out.push({ sample, flags, golden: `${base}.err`, kind: 'err' });
    else out.push({ sample, flags, golden: `${base}.${ext}`, kind: ext === 'gv' ? 'dot' : 'text' });
  }
  return out;
}

const OLD_TIME = /^Time: (\w{3}) (\d+), (\d{4}) at (\d+):(\d\d)(am|pm) \((\w+)\)$/;
const NEW_TIME = /^Time: (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):\d\d (\w+)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Go 1.19's pprof prints `Time: Nov 26, 2026 at 2:23am (UTC)`, current pprof (and gen-report)
 * `Time: 2026-11-26 02:23:45 UTC`: both become `Time: 2026-11-26 02:23 UTC` for comparison.
 */
export function normalizeTimeLine(line: string): string {
  let m = OLD_TIME.exec(line);
  if (m) {
    let h = Number(m[4]) % 12;
    if (m[6] === 'pm') h += 12;
    const mon = String(MONTHS.indexOf(m[1]!) + 1).padStart(2, '0');
    return `Time: ${m[3]}-${mon}-${m[2]!.padStart(2, '0')} ${String(h).padStart(2, '0')}:${m[5]} ${m[7]}`;
  }
  m = NEW_TIME.exec(line);
  if (m) return `Time: ${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]} ${m[6]}`;
  return line;
}

export function normalizeText(s: string): string {
  return s.split('\n').map(normalizeTimeLine).join('\n');
}
