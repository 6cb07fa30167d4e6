import type { Profile } from '../model/profile.js';
import { addrTail, atDigitRuns, clip, digitsEnd, hexAddresses, isSpaceOrComment, parseDecimalInt64, parseGoInt0, spacesEnd, trimSpace } from './legacy-addrs.js';
import { buildLegacyProfile, type LegacySample } from './legacy-build.js';
import { legacyFrameRules } from './legacy-frame-rules.js';
import { minusOne } from './legacy-hex.js';
import { UnrecognizedFormat } from './legacy-lines.js';
import { memoryMapAfter } from './legacy-maps.js';
import type { Frame } from './legacy-symbols.js';

/**
 * pprof's parseContention: C++ contentionz text (`--- contentionz …`) and Go's mutex and block
 * profiles at debug=1 (`--- mutex:`, `--- contention:`): `key = value` attributes, then one
 * `CYCLES COUNT @ 0xPC…` line per stack, unsampled with the period and cycles/second, every
 * address minus one. Throws UnrecognizedFormat for another header or an attribute pprof does not
 * take (`format = java` goes to the Java parser).
 */
export function parseContention(lines: string[], named: (() => Map<number | string, Frame[]> | null) | null): Profile {
  const first = lines[0];
  if (first === undefined || !(first.startsWith('--- contentionz ') || first.startsWith('--- mutex:') || first.startsWith('--- contention:'))) {
    throw new UnrecognizedFormat();
  }
  let period = 1;
  let cpuHz = 0;
  let durationNanos = 0;
  let k = 1;
  for (; k < lines.length; k++) {
    const line = trimSpace(lines[k]!);
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const eq = line.indexOf('=');
    if (eq < 0) break;
    const key = trimSpace(line.slice(0, eq));
    const val = trimSpace(line.slice(eq + 1));
    const num = (): number => {
      const v = parseGoInt0(val);
      if (v === null) throw new UnrecognizedFormat();
      return v;
    };
    switch (key) {
      case 'cycles/second':
        cpuHz = num();
        break;
      case 'sampling period':
        period = num();
        break;
      case 'ms since reset':
        durationNanos = num() * 1000 * 1000;
        break;
      case 'discarded samples':
        break;
      default:
        // "format" and "resolution" (Java's) and anything else: not this parser's.
        throw new UnrecognizedFormat();
    }
  }
  const samples: LegacySample[] = [];
  for (; k < lines.length; k++) {
    const line = trimSpace(lines[k]!);
    if (line.startsWith('---')) break;
    if (isSpaceOrComment(line)) continue;
    samples.push(contentionSample(line, period, cpuHz));
  }
  const sampleTypes = [
    { type: 'contentions', unit: 'count' },
    { type: 'delay', unit: 'nanoseconds' },
  ];
  return buildLegacyProfile({
    sampleTypes,
    periodType: { type: 'contentions', unit: 'count' },
    period,
    durationNanos,
    samples,
    mappings: memoryMapAfter(lines, k),
    named: named ? named() : null,
    ...legacyFrameRules(sampleTypes),
    notes: [`legacy text contention profile (${first.slice(4).replace(/[: -]+$/, '')})`],
  });
}

/**
 * contentionSampleRE `(\d+) *(\d+) @([ x0-9a-f]*)` (unanchored, leftmost-first: the first number
 * gives up its last digit when only one number precedes ` @`), then pprof's unsampling.
 */
function contentionSample(line: string, period: number, cpuHz: number): LegacySample {
  const m = matchContention(line);
  if (!m) throw new UnrecognizedFormat();
  let v1 = parseDecimalInt64(m[0]);
  let v2 = parseDecimalInt64(m[1]);
  if (v1 === null || v2 === null) {
    const bad = v1 === null ? m[0] : m[1];
    throw new Error(`malformed sample: ${clip(line)}: strconv.ParseInt: parsing ${JSON.stringify(clip(bad))}: value out of range`);
  }
  if (period > 0) {
    if (cpuHz > 0) v1 = Math.trunc((v1 * period) / (cpuHz / 1e9));
    v2 = v2 * period;
  }
  const addrs = hexAddresses(m[2], line).map(minusOne);
  return { values: [v2, v1], addrs };
}

/** The three groups of contentionSampleRE's leftmost match in `s`, or null. Linear (atDigitRuns). */
function matchContention(s: string): [string, string, string] | null {
  // A match needs "digits, spaces, digits, ' @'".
  return atDigitRuns(s, (i, a) => {
    // Run s[i..a). Case 1: run, spaces, second run, " @".
    const j = spacesEnd(s, a);
    const b = digitsEnd(s, j);
    if (j > a && b > j && s.startsWith(' @', b)) return [s.slice(i, a), s.slice(j, b), addrTail(s, b + 2)];
    // Case 2: no space; the run splits in two (first gets all but the last digit, the second the
    // last one: leftmost-first with greedy \d+), followed directly by " @".
    if (a - i >= 2 && s.startsWith(' @', a)) return [s.slice(i, a - 1), s.slice(a - 1, a), addrTail(s, a + 2)];
    return null;
  });
}
