import type { Mapping } from '../model/profile.js';
import { parseHex64 } from './legacy-hex.js';

/**
 * The memory map section of a legacy profile (after `--- Memory map: ---` or `MAPPED_LIBRARIES:`),
 * read as google/pprof's ParseMemoryMapFromScanner does: /proc/<pid>/maps lines or brief
 * `0xSTART-0xEND /path` lines, non-executable entries skipped, unrecognized lines ignored (or read
 * as `attr=value`, substituted for `$attr` in later lines), then massageMappings (merge split
 * mappings, main binary first) and remapMappingIDs (hugepage/0x400000 heuristics, fake mapping).
 */

// Go RE2's ASCII classes: \s = [\t\n\f\r ], [[:xdigit:]], [[:digit:]].
const S = '[\\t\\n\\f\\r ]';
const NS = '[^\\t\\n\\f\\r ]';
const X = '[0-9A-Fa-f]';
const C_HEX = `(?:0x)?(${X}+)`;
const C_HEX_RANGE = `${S}*${C_HEX}(?:${S}|-)?${S}*${C_HEX}:?`;
const C_PERM = `(?:${S}+([-rwxp]+))?`;
const PROC_MAPS = new RegExp(`^${C_HEX_RANGE}${C_PERM}(?:${S}+(${X}+))?${S}+${X}+:${X}+${S}+[0-9]+(?:${S}+(${NS}+))?`);
const BRIEF_MAPS = new RegExp(`^${C_HEX_RANGE}${C_PERM}(?:${S}+(${NS}+))?(?:${S}+\\(@(${X}+)\\))?(?:${S}+(${X}+))?`);
const LOG_INFO = /^[^[\]]+:[0-9]+\][\t\n\f\r ]/;
const LIB = /([.]so$|[.]so[._][0-9]+)/;

export const MEMORY_MAP_SENTINELS = ['--- Memory map: ---', 'MAPPED_LIBRARIES:'];

export function isMemoryMapSentinel(line: string): boolean {
  return MEMORY_MAP_SENTINELS.some((s) => line.includes(s));
}

/** pprof's parseAdditionalSections: skips to the sentinel line from `lines[k]` on, then reads the memory map after it. */
export function memoryMapAfter(lines: string[], k: number): Mapping[] {
  while (k < lines.length && !isMemoryMapSentinel(lines[k]!)) k++;
  return parseMemoryMap(lines.slice(k + 1));
}

function newMapping(start: number, limit: number, offset: number, file: string, buildId: string): Mapping {
  return { start, limit, offset, file, buildId, hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false };
}

/** pprof's parseMappingEntry: a Mapping, null for a skipped (non-executable) entry, undefined if unrecognized. */
function parseMappingEntry(l: string): Mapping | null | undefined {
  let start: string, end: string, perm: string | undefined, file: string | undefined, offset: string | undefined;
  let buildId: string | undefined;
  let me = PROC_MAPS.exec(l);
  if (me) {
    [, start, end, perm, offset, file] = me as unknown as string[] as [string, string, string, string, string, string];
  } else if ((me = BRIEF_MAPS.exec(l))) {
    [, start, end, perm, file, offset, buildId] = me as unknown as string[] as [string, string, string, string, string, string, string];
  } else {
    return undefined;
  }
  if (perm && !perm.includes('x')) return null;
  const s = parseHex64(start);
  const e = parseHex64(end);
  const o = offset ? parseHex64(offset) : { value: 0 };
  if (!s || !e || !o) return undefined;
  return newMapping(s.value, e.value, o.value, file ?? '', buildId ?? '');
}

/** Go's strings.NewReplacer(old1, new1, …): at each position the first matching old wins. */
function replaceAll(line: string, pairs: [string, string][]): string {
  if (pairs.length === 0) return line;
  let out = '';
  let i = 0;
  outer: while (i < line.length) {
    for (const [from, to] of pairs) {
      if (from !== '' && line.startsWith(from, i)) {
        out += to;
        i += from.length;
        continue outer;
      }
    }
    out += line[i];
    i++;
  }
  return out;
}

/** parseProcMapsFromScanner + massageMappings. */
export function parseMemoryMap(lines: string[]): Mapping[] {
  const mappings: Mapping[] = [];
  const attrs: [string, string][] = [];
  for (const raw of lines) {
    const log = LOG_INFO.exec(raw);
    const line = replaceAll(log ? raw.slice(log[0].length) : raw, attrs);
    const m = parseMappingEntry(line);
    if (m === undefined) {
      const eq = line.indexOf('=');
      if (eq >= 0) attrs.push([`$${line.slice(0, eq).trim()}`, line.slice(eq + 1).trim()]);
      continue;
    }
    if (m) mappings.push(m);
  }
  return massageMappings(mappings);
}

function adjacent(m1: Mapping, m2: Mapping): boolean {
  if (m1.file !== '' && m2.file !== '' && m1.file !== m2.file) return false;
  if (m1.buildId !== '' && m2.buildId !== '' && m1.buildId !== m2.buildId) return false;
  if (m1.limit !== m2.start) return false;
  if (m1.offset !== 0 && m2.offset !== 0 && m1.offset + (m1.limit - m1.start) !== m2.offset) return false;
  return true;
}

function massageMappings(input: Mapping[]): Mapping[] {
  let ms = input;
  if (ms.length > 1) {
    const merged = [ms[0]!];
    for (const m of ms.slice(1)) {
      const lm = merged[merged.length - 1]!;
      if (adjacent(lm, m)) {
        lm.limit = m.limit;
        if (m.file !== '') lm.file = m.file;
        if (m.buildId !== '') lm.buildId = m.buildId;
        continue;
      }
      merged.push(m);
    }
    ms = merged;
  }
  // The main binary: the first mapping with a file that is not a shared library nor [vdso]-like.
  for (let i = 0; i < ms.length; i++) {
    const file = ms[i]!.file.split('(deleted)').join('').trim();
    if (file === '' || LIB.test(file) || file.startsWith('[')) continue;
    [ms[0], ms[i]] = [ms[i]!, ms[0]!];
    break;
  }
  return ms;
}

/**
 * pprof's remapMappingIDs: heuristics on the first mapping, then each location address is given
 * the mapping containing it; addresses outside every mapping share one fake mapping
 * [0, 2^64) without a file (all of a Go legacy profile's, which has no memory map). Address 0
 * gets none. Returns the final mappings and the mapping index of each address (-1 for none).
 */
export function assignMappings(input: Mapping[], addresses: number[]): { mappings: Mapping[]; of: Int32Array } {
  let ms = input;
  if (ms.length > 1 && ms[0]!.file.startsWith('/anon_hugepage') && ms[0]!.limit === ms[1]!.start) ms = ms.slice(1);
  if (ms.length > 0) {
    const m = ms[0]!;
    if (m.start - m.offset === 0x400000) {
      m.start = 0x400000;
      m.offset = 0;
    }
  }
  const of = new Int32Array(addresses.length).fill(-1);
  let fake = -1;
  next: for (let k = 0; k < addresses.length; k++) {
    const a = addresses[k]!;
    if (a === 0) continue;
    for (let i = 0; i < ms.length; i++) {
      if (ms[i]!.start <= a && a < ms[i]!.limit) {
        of[k] = i;
        continue next;
      }
    }
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      if (m.offset !== 0 && m.start >= m.offset && m.start - m.offset <= a && a < m.start) {
        m.start -= m.offset;
        m.offset = 0;
        of[k] = i;
        continue next;
      }
    }
    if (fake < 0) {
      fake = ms.length;
      ms = [...ms, newMapping(0, 2 ** 64 - 1, 0, '', '')];
    }
    of[k] = fake;
  }
  return { mappings: ms, of };
}
