/**
 * 64-bit unsigned hex numbers of legacy profiles (addresses, PCs) as JS numbers plus an exact
 * identity key. Real addresses fit in 53 bits, so the number is exact and is its own key; a larger
 * value keeps its exact decimal string as key (the number is then only approximate).
 */
export interface Hex64 {
  value: number;
  key: number | string;
}

const MAX_U64 = (1n << 64n) - 1n;

/** Parses hex digits (no `0x`) as uint64; null when the value does not fit in 64 bits. */
export function parseHex64(digits: string): Hex64 | null {
  if (digits.length <= 13) {
    const v = parseInt(digits, 16);
    return { value: v, key: v };
  }
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48 /* '0' */) i++;
  const sig = digits.length - i;
  if (sig <= 13) {
    const v = parseInt(digits.slice(i), 16);
    return { value: v, key: v };
  }
  const b = BigInt(`0x${digits}`);
  if (b > MAX_U64) return null;
  return fromBig(b);
}

/** `h - 1` with uint64 wrap-around (pprof's `addr--` on a return address). */
export function minusOne(h: Hex64): Hex64 {
  if (typeof h.key === 'number' && h.key > 0) return { value: h.key - 1, key: h.key - 1 };
  const b = typeof h.key === 'number' ? BigInt(h.key) : BigInt(h.key);
  return fromBig(BigInt.asUintN(64, b - 1n));
}

function fromBig(b: bigint): Hex64 {
  const value = Number(b);
  return { value, key: Number.isSafeInteger(value) ? value : b.toString() };
}

/** Just the identity key of parseHex64 (no allocation for ordinary addresses); null on overflow. */
export function hex64Key(digits: string): number | string | null {
  if (digits.length <= 13) return parseInt(digits, 16);
  const h = parseHex64(digits);
  return h ? h.key : null;
}
