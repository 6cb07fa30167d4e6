import type { Profile, ValueType } from '../model/profile.js';
import { addrTail, atDigitRuns, clip, digitsEnd, hexAddresses, parseGoInt0, spacesEnd, trimSpace } from './legacy-addrs.js';
import { buildLegacyProfile, type LegacySample } from './legacy-build.js';
import { legacyFrameRules } from './legacy-frame-rules.js';
import { scaleHeapSample } from './legacy-heap-sample.js';
import { parseHex64 } from './legacy-hex.js';
import { UnrecognizedFormat } from './legacy-lines.js';
import type { Frame } from './legacy-symbols.js';
import { dict, dictOf } from '../util/dict.js';

/** pprof's javaHeapzSamplingRate. */
const JAVA_HEAPZ_RATE = 524288;

/**
 * pprof's parseJavaProfile: Java heapz (`--- heapz 1 ---`) and contentionz (`--- contentionz 1 ---`
 * with `format = java`) text: `attr = value` lines, `V1 V2 @ 0xADDR…` samples (the values in the
 * other order), then `0xADDR name (File.java:LINE)` symbol lines that name the addresses.
 * Throws UnrecognizedFormat for another header or attribute.
 */
export function parseJavaProfile(text: string): Profile {
  const nl = text.indexOf('\n');
  if (nl < 0) throw new UnrecognizedFormat();
  const header = trimSpace(text.slice(0, nl));
  const kind = header === '--- heapz 1 ---' ? 'heap' : header === '--- contentionz 1 ---' ? 'contention' : null;
  if (!kind) throw new UnrecognizedFormat();
  // bytes.IndexByte loops: only lines ended by a newline are attributes or samples.
  const lines = text.slice(nl + 1).split('\n');
  const last = lines.pop()!; // after the final newline: only the symbol reader sees it
  let k = 0;
  let sampleTypes: ValueType[] = [];
  let periodType: ValueType = { type: '', unit: '' };
  let period = 0;
  let durationNanos = 0;
  for (; k < lines.length; k++) {
    const line = trimSpace(lines[k]!);
    if (line === '') continue;
    const a = attribute(line);
    if (!a) break;
    const [name, value] = a;
    switch (`${kind}/${name}`) {
      case 'heap/format':
      case 'contention/format':
        if (value !== 'java') throw new UnrecognizedFormat();
        break;
      case 'heap/resolution':
        sampleTypes = [
          { type: 'inuse_objects', unit: 'count' },
          { type: 'inuse_space', unit: value },
        ];
        break;
      case 'contention/resolution':
        sampleTypes = [
          { type: 'contentions', unit: 'count' },
          { type: 'delay', unit: value },
        ];
        break;
      case 'contention/sampling period': {
        periodType = { type: 'contentions', unit: 'count' };
        const v = parseGoInt0(value);
        if (v === null) throw new Error(`failed to parse attribute ${clip(line)}: invalid syntax`);
        period = v;
        break;
      }
      case 'contention/ms since reset': {
        const v = parseGoInt0(value);
        if (v === null) throw new Error(`failed to parse attribute ${clip(line)}: invalid syntax`);
        durationNanos = v * 1000 * 1000;
        break;
      }
      default:
        throw new UnrecognizedFormat();
    }
  }
  const samples: LegacySample[] = [];
  for (; k < lines.length; k++) {
    const line = trimSpace(lines[k]!);
    if (line === '') continue;
    const m = javaSample(line);
    if (!m) break;
    const v0 = parseGoInt0(m[1]);
    const v1 = parseGoInt0(m[0]);
    if (v0 === null || v1 === null) throw new Error(`parsing sample ${clip(line)}: value out of range`);
    const s: LegacySample = { values: [v0, v1], addrs: hexAddresses(m[2], line) };
    if (kind === 'heap') {
      if (v0 === 0) throw new Error(`parsing sample ${clip(line)}: second value must be non-zero`);
      s.labels = { str: dict(), num: dictOf([['bytes', [Math.trunc(v1 / v0)]]]), numUnit: dict() };
      s.values = scaleHeapSample(v0, v1, JAVA_HEAPZ_RATE);
    } else if (period !== 0) {
      s.values = [v0 * period, v1 * period];
    }
    samples.push(s);
  }
  const symbolLines = lines.slice(k);
  symbolLines.push(last);
  if (sampleTypes.length === 0 && samples.length > 0) {
    throw new Error(`malformed profile: a Java ${kind} profile without a "resolution" attribute has no sample types`);
  }
  return buildLegacyProfile({
    sampleTypes,
    periodType,
    period,
    durationNanos,
    samples,
    mappings: [],
    named: javaLocations(symbolLines, samples),
    java: true,
    ...legacyFrameRules(sampleTypes),
    notes: [`Java ${kind}z text profile`],
  });
}

/** attributeRx `([\w ]+)=([\w ]+)` (unanchored) → trimmed name and value, or null. */
function attribute(line: string): [string, string] | null {
  for (let e = line.indexOf('='); e >= 0; e = line.indexOf('=', e + 1)) {
    let a = e;
    while (a > 0 && isWordOrSpace(line.charCodeAt(a - 1))) a--;
    let b = e + 1;
    while (b < line.length && isWordOrSpace(line.charCodeAt(b))) b++;
    if (a < e && b > e + 1) return [trimSpace(line.slice(a, e)), trimSpace(line.slice(e + 1, b))];
  }
  return null;
}

function isWordOrSpace(c: number): boolean {
  return c === 32 || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** javaSampleRx ` *(\d+) +(\d+) +@ +([ x0-9a-f]*)` (unanchored) → the three groups, or null. */
function javaSample(s: string): [string, string, string] | null {
  return atDigitRuns(s, (i, a) => {
    const j = spacesEnd(s, a);
    const b = digitsEnd(s, j);
    const c = spacesEnd(s, b);
    if (j > a && b > j && c > b && s[c] === '@') {
      const d = spacesEnd(s, c + 1);
      if (d > c + 1) return [s.slice(i, a), s.slice(j, b), addrTail(s, d)];
    }
    return null;
  });
}

/** RE2's \s. */
function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/**
 * pprof's parseJavaLocations: `0xADDR rest` lines name the addresses the samples use, as
 * `func (file:line)`, `func (path)` (a library: its base name), a JIT stub, or the whole rest.
 */
export function javaLocations(lines: string[], samples: LegacySample[]): Map<number | string, Frame[]> {
  const used = new Set<number | string>();
  for (const s of samples) for (const a of s.addrs) used.add(a.key);
  const named = new Map<number | string, Frame[]>();
  const fileOf = new Map<string, string>();
  for (const raw of lines) {
    const line = trimSpace(raw);
    if (!line.startsWith('0x')) continue;
    let h = 2;
    while (h < line.length && isHexDigit(line.charCodeAt(h))) h++;
    let r = h;
    while (r < line.length && isWs(line.charCodeAt(r))) r++;
    if (h === 2 || r === h) continue;
    const addr = parseHex64(line.slice(2, h));
    if (!addr) throw new Error(`parsing sample ${clip(line)}: value out of range`);
    if (!used.has(addr.key)) continue;
    const rest = line.slice(r);
    let func: string;
    let file = '';
    let lineNo = 0;
    const fl = fileLine(rest);
    if (fl) {
      [func, file] = [fl[0], fl[1]];
      const n = /^-?[0-9]{1,18}$/.test(fl[2]) ? Number(fl[2]) : 0;
      if (n > 0) lineNo = n;
    } else {
      const fp = filePath(rest);
      if (fp) [func, file] = [fp[0], baseName(fp[1])];
      else if (rest.includes('generated stub/JIT')) func = 'STUB';
      else func = rest;
    }
    // One function per name: the first file seen for it stays.
    if (!fileOf.has(func)) fileOf.set(func, file);
    named.set(addr.key, [{ name: func, file: fileOf.get(func)!, line: lineNo }]);
  }
  return named;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** The last `(` that follows whitespace and satisfies `ok`: (.*) is greedy, so the longest prefix wins. */
function lastParen(rest: string, ok: (q: number) => boolean): number {
  for (let q = rest.lastIndexOf('('); q > 0; q = rest.lastIndexOf('(', q - 1)) {
    if (isWs(rest.charCodeAt(q - 1)) && ok(q)) return q;
  }
  return -1;
}

/** javaLocationFileLineRx `^(.*)\s+\((.+):(-?[[:digit:]]+)\)$`. */
function fileLine(rest: string): [string, string, string] | null {
  if (!rest.endsWith(')')) return null;
  const colon = rest.lastIndexOf(':');
  if (colon < 0 || !/^-?[0-9]+$/.test(rest.slice(colon + 1, -1))) return null;
  const q = lastParen(rest, (p) => p + 1 < colon);
  if (q < 0) return null;
  return [rest.slice(0, q - 1), rest.slice(q + 1, colon), rest.slice(colon + 1, -1)];
}

/** javaLocationPathRx `^(.*)\s+\((.*)\)$`. */
function filePath(rest: string): [string, string] | null {
  if (!rest.endsWith(')')) return null;
  const q = lastParen(rest, (p) => p < rest.length - 1);
  if (q < 0) return null;
  return [rest.slice(0, q - 1), rest.slice(q + 1, -1)];
}

/** Go's filepath.Base. */
function baseName(p: string): string {
  if (p === '') return '.';
  let s = p;
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  if (s === '/') return '/';
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}
