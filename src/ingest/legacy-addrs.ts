import { type Hex64, parseHex64 } from './legacy-hex.js';

/**
 * pprof's parseHexAddresses: every `0x[0-9a-f]+` in `s` (leftmost, longest, not overlapping; lower
 * case only, as its hexNumberRE), each a uint64. Hand-scanned: one pass over the line.
 * Throws pprof's message for a number over 64 bits.
 */
export function hexAddresses(s: string, line: string = s): Hex64[] {
  const out: Hex64[] = [];
  let i = s.indexOf('0x');
  while (i >= 0) {
    let j = i + 2;
    while (j < s.length && isLowerHex(s.charCodeAt(j))) j++;
    if (j === i + 2) {
      i = s.indexOf('0x', i + 1);
      continue;
    }
    const a = parseHex64(s.slice(i + 2, j));
    if (!a) throw new Error(`malformed sample: ${clip(line)}: failed to parse as hex 64-bit number: ${clip(s.slice(i, j))}`);
    out.push(a);
    i = s.indexOf('0x', j);
  }
  return out;
}

function isLowerHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/** Go's strings.TrimSpace for ASCII whitespace (what the legacy formats use). */
export function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** pprof's isSpaceOrComment. */
export function isSpaceOrComment(line: string): boolean {
  const t = trimSpace(line);
  return t.length === 0 || t.charCodeAt(0) === 35;
}

/** Digits run of `s` from `i` (ASCII 0-9); returns its end. */
export function digitsEnd(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i;
}

/** Spaces (only ' ') of `s` from `i`; returns their end. */
export function spacesEnd(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) === 32) i++;
  return i;
}

/** `[ x0-9a-f]*` from `i`: the address list that ends a legacy sample line. */
export function addrTail(s: string, i: number): string {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 32 || c === 120 || (c >= 48 && c <= 57) || (c >= 97 && c <= 102)) j++;
    else break;
  }
  return s.slice(i, j);
}

/**
 * The leftmost match of an unanchored regexp that starts with `\d+`, found without backtracking:
 * `matchAt(start, end)` tries the digit run s[start..end), leftmost run first. A start inside a run
 * can only match if the run's own start did not (it then fails for the same reason after the run),
 * so only run starts are tried: each character is read O(1) times.
 */
export function atDigitRuns<T>(s: string, matchAt: (start: number, end: number) => T | null): T | null {
  let i = 0;
  while (i < s.length) {
    const a = digitsEnd(s, i);
    if (a === i) {
      i++;
      continue;
    }
    const m = matchAt(i, a);
    if (m !== null) return m;
    i = a;
  }
  return null;
}

const MAX_I64 = (1n << 63n) - 1n;

/** Go's strconv.ParseInt(s, 10, 64) on a digits-only string; null when out of range. */
export function parseDecimalInt64(digits: string): number | null {
  if (digits.length <= 15) return Number(digits);
  const b = BigInt(digits);
  return b > MAX_I64 ? null : Number(b);
}

/**
 * Go's strconv.ParseInt(s, 0, 64): optional sign, then `0x`/`0o`/`0b`/leading-0 octal or decimal,
 * `_` separators allowed only with a prefix; null when not a number or out of range.
 */
export function parseGoInt0(s: string): number | null {
  let t = s;
  let neg = false;
  if (t.startsWith('+') || t.startsWith('-')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let base = 10;
  let digits = t;
  const lower = t.toLowerCase();
  if (lower.startsWith('0x')) [base, digits] = [16, t.slice(2)];
  else if (lower.startsWith('0b')) [base, digits] = [2, t.slice(2)];
  else if (lower.startsWith('0o')) [base, digits] = [8, t.slice(2)];
  else if (t.length > 1 && t[0] === '0') [base, digits] = [8, t.slice(1)];
  if (base !== 10 && digits.includes('_')) {
    // Go allows underscores between digits only in prefixed literals.
    if (digits.startsWith('_') && base !== 8) return null;
    if (digits.endsWith('_') || digits.includes('__')) return null;
    digits = digits.replaceAll('_', '');
  }
  if (digits.length === 0 || digits.length > 70) return null;
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 10 ? /^[0-9]+$/ : base === 8 ? /^[0-7]+$/ : /^[01]+$/;
  if (!valid.test(digits)) return null;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let b = BigInt(prefix + digits);
  if (neg) b = -b;
  if (b > MAX_I64 || b < -MAX_I64 - 1n) return null;
  return Number(b);
}

export function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
