import type { Profile } from '../model/profile.js';
import { hexAddresses, isSpaceOrComment, trimSpace } from './legacy-addrs.js';
import { countProfile, type LegacySample } from './legacy-build.js';
import { type Hex64, minusOne } from './legacy-hex.js';
import { UnrecognizedFormat } from './legacy-lines.js';
import { isMemoryMapSentinel, memoryMapAfter } from './legacy-maps.js';
import { dropDuplicateLeaf } from './legacy-leaf.js';

/**
 * pprof's parseThread: gperftools-style thread profiles (`--- threadz N ---` comments, then one
 * `--- Thread HEX (name: NAME/N) stack: ---` block of addresses per thread, `same as previous
 * thread` markers), one sample of 1 per thread, every address but the leaf minus one. As in
 * pprof, the thread list ends at a memory map sentinel or `---- no stack trace for`; a file that
 * just stops after a stack is not one pprof reads (unrecognized).
 */
export function parseThread(lines: string[]): Profile {
  let n = 0;
  while (n < lines.length && isSpaceOrComment(lines[n]!)) n++;
  let line = lines[n] ?? '';
  if (isThreadzStart(line)) {
    for (n++; n < lines.length; n++) {
      line = lines[n]!;
      if (isMemoryMapSentinel(line) || line.startsWith('-')) break;
    }
  } else if (!isThreadStart(line)) {
    throw new UnrecognizedFormat();
  }
  const samples: LegacySample[] = [];
  while (!isMemoryMapSentinel(line)) {
    if (line.startsWith('---- no stack trace for')) {
      line = '';
      break;
    }
    if (!isThreadStart(line)) throw new UnrecognizedFormat();
    // parseThreadSample: addresses up to the next "---" line.
    const addrs: Hex64[] = [];
    let same = false;
    line = '';
    for (n++; n < lines.length; n++) {
      line = trimSpace(lines[n]!);
      if (line === '') continue;
      if (line.startsWith('---')) break;
      if (line.includes('same as previous thread')) {
        same = true;
        continue;
      }
      for (const a of hexAddresses(line)) addrs.push(a);
    }
    if (same || addrs.length === 0) {
      const last = samples[samples.length - 1];
      if (last) last.values[0]!++;
      continue;
    }
    samples.push({ values: [1], addrs: addrs.map((a, i) => (i > 0 ? minusOne(a) : a)) });
  }
  const mappings = memoryMapAfter(lines, n);
  dropDuplicateLeaf(samples);
  return countProfile({ kind: 'thread', samples, mappings, named: null, note: 'legacy text thread profile' });
}

/** threadzStartRE `--- threadz \d+ ---`, unanchored. */
function isThreadzStart(line: string): boolean {
  let i = line.indexOf('--- threadz ');
  while (i >= 0) {
    let j = i + '--- threadz '.length;
    const d = j;
    while (j < line.length && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    if (j > d && line.startsWith(' ---', j)) return true;
    i = line.indexOf('--- threadz ', i + 1);
  }
  return false;
}

/**
 * threadStartRE `--- Thread ([[:xdigit:]]+) \(name: (.*)/(\d+)\) stack: ---`, unanchored: a
 * start `--- Thread HEX (name: ` followed anywhere later by `/DIGITS) stack: ---`. The last such
 * ending is found once, so the check is linear.
 */
export function isThreadStart(line: string): boolean {
  const END = ') stack: ---';
  let lastEnd = -1; // index of the "/" of the last valid "/DIGITS) stack: ---"
  for (let e = line.lastIndexOf(END); e >= 0 && lastEnd < 0; e = e > 0 ? line.lastIndexOf(END, e - 1) : -1) {
    let d = e;
    while (d > 0 && line.charCodeAt(d - 1) >= 48 && line.charCodeAt(d - 1) <= 57) d--;
    if (d < e && d > 0 && line[d - 1] === '/') lastEnd = d - 1;
  }
  if (lastEnd < 0) return false;
  const START = '--- Thread ';
  for (let i = line.indexOf(START); i >= 0; i = line.indexOf(START, i + 1)) {
    let j = i + START.length;
    const h = j;
    while (j < line.length && isHex(line.charCodeAt(j))) j++;
    if (j > h && line.startsWith(' (name: ', j) && j + ' (name: '.length <= lastEnd) return true;
  }
  return false;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
