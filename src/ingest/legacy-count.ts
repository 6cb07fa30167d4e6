import type { Profile } from '../model/profile.js';
import { isSpace, isSpaceOrComment, parseGoInt0 } from './legacy-addrs.js';
import { countProfile, type LegacySample } from './legacy-build.js';
import { type Hex64, minusOne, parseHex64 } from './legacy-hex.js';
import { MALFORMED, UnrecognizedFormat } from './legacy-lines.js';
import { memoryMapAfter } from './legacy-maps.js';
import type { Frame } from './legacy-symbols.js';

/**
 * pprof's parseGoCount: Go's count profiles at debug=1 (`goroutine profile: total N`,
 * `threadcreate profile: total N`), one `COUNT @ 0xPC 0xPC…` line per stack, every address minus
 * one. Throws UnrecognizedFormat when the first line is not such a header.
 */
export function parseGoCount(lines: string[], named: (() => Map<number | string, Frame[]> | null) | null): Profile {
  let n = 0;
  while (n < lines.length && isSpaceOrComment(lines[n]!)) n++;
  const kind = countHeader(lines[n] ?? '');
  if (kind === null) throw new UnrecognizedFormat();
  const samples: LegacySample[] = [];
  let k = n + 1;
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const s = countSample(line);
    if (!s) throw new Error(MALFORMED);
    samples.push(s);
  }
  return countProfile({ kind, samples, mappings: memoryMapAfter(lines, k), named: named ? named() : null, note: `legacy text ${kind} profile` });
}

/** countStartRE `\A(\S+) profile: total \d+\z` → the profile's name, or null. */
function countHeader(line: string): string | null {
  let i = 0;
  while (i < line.length && !isGoSpace(line.charCodeAt(i))) i++;
  if (i === 0 || !line.startsWith(' profile: total ', i)) return null;
  const rest = line.slice(i + ' profile: total '.length);
  return /^[0-9]+$/.test(rest) ? line.slice(0, i) : null;
}

/** RE2's \s: [\t\n\f\r ] (no \v). */
function isGoSpace(c: number): boolean {
  return c !== 11 && isSpace(c);
}

/** countRE `\A(\d+) @(( 0x[0-9a-f]+)+)\z`, the count read as strconv.ParseInt(s, 0, 64). */
function countSample(line: string): LegacySample | null {
  const at = line.indexOf(' @');
  if (at <= 0 || !/^[0-9]+$/.test(line.slice(0, at))) return null;
  const count = parseGoInt0(line.slice(0, at));
  if (count === null) return null;
  const addrs: Hex64[] = [];
  let i = at + 2;
  if (i >= line.length) return null;
  while (i < line.length) {
    if (!line.startsWith(' 0x', i)) return null;
    let j = i + 3;
    while (j < line.length && isLowerHex(line.charCodeAt(j))) j++;
    if (j === i + 3) return null;
    const a = parseHex64(line.slice(i + 3, j));
    if (!a) return null;
    addrs.push(minusOne(a));
    i = j;
  }
  return { values: [count], addrs };
}

function isLowerHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}
