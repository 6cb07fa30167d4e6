/**
 * LEB128 varints for the embedded profile's integer columns: stack-trie links, locations and most
 * sample values are small, so one or two bytes each instead of four or eight. Non-negative
 * integers up to 2^53; `zigzag` folds signed ones (diffs have negative values) onto them.
 */
export function encodeVarints(xs: ArrayLike<number>, zigzag = false): Uint8Array {
  let out = new Uint8Array(Math.max(16, xs.length * 2));
  let o = 0;
  for (let i = 0; i < xs.length; i++) {
    let v = xs[i]!;
    if (zigzag) v = v < 0 ? -2 * v - 1 : 2 * v;
    if (o + 10 > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    while (v >= 128) {
      out[o++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    out[o++] = v;
  }
  return out.slice(0, o);
}

export function decodeVarints(b: Uint8Array, count: number, into: { [i: number]: number; length: number }, zigzag = false): void {
  let at = 0;
  for (let i = 0; i < count; i++) {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (at >= b.length) throw new Error('embedded profile: truncated column');
      const c = b[at++]!;
      v += (c & 127) * mul;
      if (c < 128) break;
      mul *= 128;
    }
    into[i] = zigzag ? (v % 2 === 1 ? -(v + 1) / 2 : v / 2) : v;
  }
}

/** Whether every value is an integer a (zigzag) varint carries exactly. */
export function allSafeIntegers(xs: ArrayLike<number>): boolean {
  // 2^52: zigzag doubles the magnitude and must stay exact.
  for (let i = 0; i < xs.length; i++) if (!Number.isInteger(xs[i]!) || Math.abs(xs[i]!) >= 2 ** 52) return false;
  return true;
}
