/**
 * Base64 without Node's Buffer or the browser's atob (the engine runs in both): the page's embedded
 * profile carries its typed arrays this way.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const ENCODE = new Uint8Array(64);
for (let i = 0; i < 64; i++) ENCODE[i] = ALPHABET.charCodeAt(i);

export function toBase64(b: Uint8Array): string {
  // ASCII bytes, then one decode into a string (TextDecoder: in Node and every browser).
  const out = new Uint8Array(4 * Math.ceil(b.length / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out[o++] = ENCODE[n >>> 18]!;
    out[o++] = ENCODE[(n >>> 12) & 63]!;
    out[o++] = ENCODE[(n >>> 6) & 63]!;
    out[o++] = ENCODE[n & 63]!;
  }
  if (i < b.length) {
    const n = (b[i]! << 16) | ((i + 1 < b.length ? b[i + 1]! : 0) << 8);
    out[o++] = ENCODE[n >>> 18]!;
    out[o++] = ENCODE[(n >>> 12) & 63]!;
    out[o++] = i + 1 < b.length ? ENCODE[(n >>> 6) & 63]! : 61;
    out[o++] = 61;
  }
  return new TextDecoder().decode(out);
}

export function fromBase64(s: string): Uint8Array {
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === 61) len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? DECODE[c]! : -1;
    if (d < 0) throw new Error('embedded profile: invalid base64');
    acc = ((acc << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}
