import { gunzipSync, gzipSync } from 'node:zlib';
import { prng } from './synth-profile.js';

/** One seed input: raw (inflated) bytes and whether it is legacy text. */
export interface Seed {
  name: string;
  raw: Uint8Array;
  text: boolean;
}

export function toSeed(name: string, bytes: Uint8Array): Seed {
  const raw = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const head = Buffer.from(raw.subarray(0, 64)).toString('latin1');
  return { name, raw, text: /^\s*(heap|---|growthz|fragmentationz)/.test(head) };
}

type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);

function flipBytes(b: Uint8Array, rnd: Rnd): Uint8Array {
  const out = Uint8Array.from(b);
  const n = 1 + int(rnd, 8);
  for (let i = 0; i < n && out.length > 0; i++) {
    const at = int(rnd, out.length);
    out[at] = rnd() < 0.5 ? out[at]! ^ (1 << int(rnd, 8)) : int(rnd, 256);
  }
  return out;
}

/** Changes small varint bytes to other small values: keeps the wire structure more often than a flip. */
function softFlip(b: Uint8Array, rnd: Rnd): Uint8Array {
  const out = Uint8Array.from(b);
  const n = 1 + int(rnd, 4);
  for (let k = 0; k < n && out.length > 0; k++) {
    for (let tries = 0; tries < 20; tries++) {
      const at = int(rnd, out.length);
      if (out[at]! >= 0x80 || (at > 0 && out[at - 1]! >= 0x80 && rnd() < 0.5)) continue;
      out[at] = rnd() < 0.5 ? int(rnd, 128) : Math.max(0, Math.min(127, out[at]! + (rnd() < 0.5 ? -1 : 1)));
      break;
    }
  }
  return out;
}

function truncate(b: Uint8Array, rnd: Rnd): Uint8Array {
  return b.subarray(0, int(rnd, b.length + 1));
}

/** Top-level protobuf records (key + value) as byte ranges; stops at the first malformed one. */
function records(b: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let p = 0;
  const varint = (): number => {
    let v = 0;
    let m = 1;
    for (let i = 0; i < 10 && p < b.length; i++) {
      const c = b[p++]!;
      v += (c & 0x7f) * m;
      m *= 128;
      if (c < 0x80) return v;
    }
    return -1;
  };
  while (p < b.length) {
    const start = p;
    const key = varint();
    if (key < 0) break;
    const wire = key % 8;
    if (wire === 0) {
      if (varint() < 0) break;
    } else if (wire === 2) {
      const len = varint();
      if (len < 0 || p + len > b.length) break;
      p += len;
    } else break;
    out.push([start, p]);
  }
  return out;
}

/** Duplicates, drops or moves whole protobuf fields (repeated samples, two string tables, …). */
function shuffleFields(b: Uint8Array, rnd: Rnd): Uint8Array {
  const recs = records(b);
  if (recs.length === 0) return flipBytes(b, rnd);
  const [s, e] = recs[int(rnd, recs.length)]!;
  const field = b.subarray(s, e);
  const op = int(rnd, 3);
  if (op === 0) return Buffer.concat([b.subarray(0, e), field, b.subarray(e)]); // duplicate
  if (op === 1) return Buffer.concat([b.subarray(0, s), b.subarray(e)]); // drop
  const [s2] = recs[int(rnd, recs.length)]!;
  const rest = Buffer.concat([b.subarray(0, s), b.subarray(e)]);
  const at = Math.min(s2, rest.length);
  return Buffer.concat([rest.subarray(0, at), field, rest.subarray(at)]); // move
}

/** Makes a length or varint huge: a field declaring more bytes than there are. */
function bigVarint(b: Uint8Array, rnd: Rnd): Uint8Array {
  const recs = records(b);
  if (recs.length === 0) return flipBytes(b, rnd);
  const [s] = recs[int(rnd, recs.length)]!;
  const huge = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]);
  return Buffer.concat([b.subarray(0, s + 1), huge, b.subarray(s + 2)]);
}

const WEIRD_NUMBERS = ['0', '-1', '99999999999999999999', '9223372036854775807', '-9223372036854775808', '1e9', 'NaN', '', '00', '0x10'];

/** Legacy text: lines duplicated, dropped, swapped, numbers made absurd, garbage inserted. */
function mutateText(b: Uint8Array, rnd: Rnd): Uint8Array {
  const lines = Buffer.from(b).toString('latin1').split('\n');
  const n = 1 + int(rnd, 4);
  for (let k = 0; k < n; k++) {
    const i = int(rnd, lines.length);
    switch (int(rnd, 7)) {
      case 0:
        lines.splice(i, 0, lines[i]!);
        break;
      case 1:
        lines.splice(i, 1);
        break;
      case 2: {
        const j = int(rnd, lines.length);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        break;
      }
      case 3:
        lines[i] = (lines[i] ?? '').replace(/-?\d+/g, (m) => (rnd() < 0.3 ? WEIRD_NUMBERS[int(rnd, WEIRD_NUMBERS.length)]! : m));
        break;
      case 4:
        lines[i] = (lines[i] ?? '').replace(/0x[0-9a-f]+/g, () => `0x${'f'.repeat(1 + int(rnd, 20))}`);
        break;
      case 5:
        lines.splice(i, 0, ['@ 0x1 0x2', '1: 1 [1: 1] @', 'heap profile: 1: 1 [1: 1] @ heap/0', '# 0x0\tmain.f+0x0\t/x.go:1', 'MAPPED_LIBRARIES:', '\0\0\0'][int(rnd, 6)]!);
        break;
      default:
        lines[i] = (lines[i] ?? '').slice(0, int(rnd, (lines[i] ?? '').length + 1));
    }
  }
  return Buffer.from(lines.join('\n'), 'latin1');
}

/**
 * The `index`-th mutant of the seeds for `seed`: same (seed, index) → same bytes on every run.
 * Sometimes gzipped, sometimes with the gzip stream itself damaged.
 */
export function mutant(seeds: Seed[], seed: number, index: number): { from: string; bytes: Uint8Array } {
  const rnd = prng((seed * 1_000_003 + index) >>> 0);
  const s = seeds[int(rnd, seeds.length)]!;
  let b: Uint8Array = s.raw;
  const rounds = 1 + int(rnd, 2);
  for (let r = 0; r < rounds; r++) {
    const op = s.text ? int(rnd, 4) : int(rnd, 8);
    if (s.text && op >= 2) b = mutateText(b, rnd);
    else if (op >= 5) b = op === 7 ? shuffleFields(b, rnd) : softFlip(b, rnd);
    else if (op === 0) b = flipBytes(b, rnd);
    else if (op === 1) b = truncate(b, rnd);
    else if (op === 2) b = shuffleFields(b, rnd);
    else if (op === 3) b = bigVarint(b, rnd);
    else b = shuffleFields(flipBytes(b, rnd), rnd);
  }
  const g = rnd();
  if (g < 0.25) b = gzipSync(b);
  else if (g < 0.3) b = flipBytes(gzipSync(b), rnd);
  else if (g < 0.33) b = truncate(gzipSync(b), rnd);
  return { from: s.name, bytes: b };
}
