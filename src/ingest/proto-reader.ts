/**
 * Allocation-free reading for hot loops: plain functions over (bytes, position, end); the position
 * after the varint just read is `next` (a live binding), its high 32 bits `high`.
 */
export let next = 0;
let high = 0;

/** A varint at `p`, not reaching past `end`: returns its low 32 bits unsigned. */
export function varint(b: Uint8Array, p: number, end: number): number {
  let lo = 0;
  let x = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (p >= end) throw new Error('truncated varint');
    x = b[p++]!;
    lo |= (x & 0x7f) << shift;
    if (x < 0x80) {
      next = p;
      high = 0;
      return lo >>> 0;
    }
  }
  if (p >= end) throw new Error('truncated varint');
  x = b[p++]!;
  lo |= (x & 0x0f) << 28;
  let hi = (x & 0x7f) >> 4;
  if (x >= 0x80) {
    for (let shift = 3; ; shift += 7) {
      if (shift > 31) throw new Error('malformed varint (more than 10 bytes)');
      if (p >= end) throw new Error('truncated varint');
      x = b[p++]!;
      hi |= (x & 0x7f) << shift;
      if (x < 0x80) break;
    }
  }
  next = p;
  high = hi;
  return lo >>> 0;
}

export function uvarint(b: Uint8Array, p: number, end: number): number {
  const lo = varint(b, p, end);
  return high === 0 ? lo : (high >>> 0) * 4294967296 + lo;
}

export function int64(b: Uint8Array, p: number, end: number): number {
  const lo = varint(b, p, end);
  return high === 0 ? lo : (high | 0) * 4294967296 + lo;
}

/** The field number of key `k` (keys past 32 bits only name unknown fields). */
export function fieldOf(k: number): number {
  return k < 4294967296 ? k >>> 3 : Math.floor(k / 8);
}

/** A length prefix at `p`, checked against `end`; `next` is where the field's bytes start. */
export function length(b: Uint8Array, p: number, end: number): number {
  // One byte (under 128): most lengths, read without the general varint.
  const n = p < end && b[p]! < 0x80 ? ((next = p + 1), b[p]!) : uvarint(b, p, end);
  if (n > end - next) throw new Error(`field length ${n} exceeds the ${end - next} bytes left`);
  return n;
}

/** A minimal protobuf wire-format reader over one buffer: varints as JS numbers, bounds-checked. */
export class ProtoReader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    public end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Unsigned varint (uint64 as a JS number; exact below 2^53). */
  uvarint(): number {
    const v = uvarint(this.buf, this.pos, this.end);
    this.pos = next;
    return v;
  }

  /** Signed int64 varint (two's complement, 10 bytes for negatives); exact within ±2^53. */
  int64(): number {
    const v = int64(this.buf, this.pos, this.end);
    this.pos = next;
    return v;
  }

  /** Re-points the reader at another range of the same buffer (no allocation in hot loops). */
  reset(start: number, end: number): void {
    this.pos = start;
    this.end = end;
  }

  /** Reads a field key as one number: field = k >>> 3, wire type = k & 7. */
  keyRaw(): number {
    const k = this.uvarint();
    if (k < 8) throw new Error('invalid field number 0');
    return k;
  }

  /** Length of a length-delimited field, checked against the buffer. */
  len(): number {
    const n = this.uvarint();
    if (n > this.end - this.pos) throw new Error(`field length ${n} exceeds the ${this.end - this.pos} bytes left`);
    return n;
  }

  skip(wire: number): void {
    switch (wire) {
      case 0:
        this.uvarint();
        return;
      case 1:
        this.advance(8);
        return;
      case 2:
        this.advance(this.len());
        return;
      case 5:
        this.advance(4);
        return;
      default:
        throw new Error(`unsupported wire type ${wire}`);
    }
  }

  advance(n: number): void {
    if (n > this.end - this.pos) throw new Error('truncated field');
    this.pos += n;
  }

  /** Reads a repeated scalar field that may be packed (wire 2) or not (wire 0), calling `f` per value. */
  repeated(wire: number, signed: boolean, f: (v: number) => void): void {
    if (wire === 2) {
      const n = this.len();
      const end = this.pos + n;
      while (this.pos < end) f(signed ? this.int64() : this.uvarint());
      if (this.pos !== end) throw new Error('packed field overruns its length');
    } else if (wire === 0) {
      f(signed ? this.int64() : this.uvarint());
    } else {
      throw new Error(`wire type ${wire} for a repeated integer field`);
    }
  }
}
