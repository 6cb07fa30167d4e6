import { legacyCpuHeader } from './legacy-cpu.js';

/** What the (already inflated) bytes look like. Content decides, never the file name. */
export type Sniffed = 'legacy-heap' | 'legacy-cpu' | 'v8-cpu' | 'v8-heap' | 'html' | 'empty' | 'text' | 'proto' | 'binary';

const LEGACY_HEAP = /^\s*(heap profile:|heap_v2\/|heapz_v2\/|heapprofile|growthz|fragmentationz|heap\b)/;

/** The start of the message for content that is none of the formats gen-report reads. */
export const UNRECOGNIZED_FORMAT = 'unrecognized profile format';

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return 'empty';
  // gperftools' and old Go's binary CPU profile: header words 0, 3, 0, period, 0 (never protobuf,
  // whose first byte is never 0).
  if (bytes[0] === 0 && legacyCpuHeader(bytes)) return 'legacy-cpu';
  // Latin-1: one character per byte, whatever the bytes are.
  const head = String.fromCharCode(...bytes.subarray(0, 256));
  // pprof's header regexp is unanchored, so a UTF-8 byte order mark before it is fine.
  if (LEGACY_HEAP.test(head.startsWith('\xef\xbb\xbf') ? head.slice(3) : head)) return 'legacy-heap';
  if (/^\s*<(!doctype|html|\?xml|head|body)/i.test(head)) return 'html';
  // V8 profiles (`node --cpu-prof`/`--heap-prof`, DevTools) start with their call tree; the
  // inspector's answers wrap it in "profile".
  const v8 = /^\s*\{\s*(?:"profile"\s*:\s*\{\s*)?"(nodes"\s*:\s*\[|head"\s*:\s*\{)/.exec(head);
  if (v8) return v8[1]!.startsWith('nodes') ? 'v8-cpu' : 'v8-heap';
  // A protobuf Profile starts with a field key; text starts with printable characters only.
  if (isMostlyText(bytes.subarray(0, 256)) && bytes[0] !== 0x0a && bytes[0] !== 0x12) return 'text';
  return looksLikeProfileProto(bytes) ? 'proto' : 'binary';
}

function isMostlyText(b: Uint8Array): boolean {
  for (const c of b) {
    if (c === 9 || c === 10 || c === 13) continue;
    if (c < 32 || c === 127) return false;
  }
  return true;
}

/** Whether the bytes are UTF-8 (a character cut at the end allowed): PNG's 0x89 is not. */
function isUtf8(b: Uint8Array): boolean {
  for (let cut = 0; cut < 4 && cut <= b.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, b.length - cut));
      return true;
    } catch {
      // try without the last bytes
    }
  }
  return false;
}

/** Wire type of each top-level field of profile.proto (13, comment, is also packed: 2). */
const PROFILE_FIELDS: Record<number, number[]> = {
  1: [2], 2: [2], 3: [2], 4: [2], 5: [2], 6: [2], 7: [0], 8: [0], 9: [0], 10: [0], 11: [2], 12: [0], 13: [0, 2], 14: [0],
};

/**
 * Whether the bytes can be the start of a profile.proto message: its first top-level fields (up
 * to 8, as far as the bytes go) are Profile fields with their wire types. A field that runs past
 * the end still counts (a truncated profile is a corrupt protobuf, not another format), and so
 * does anything after a whole length-delimited Profile field (sample_type, string_table, …: a
 * profile corrupted later on). A first key that no Profile has (field 0 of zeros, ELF's 0x7f,
 * PNG's 0x89, …) means the bytes are something else.
 */
export function looksLikeProfileProto(b: Uint8Array): boolean {
  let at = 0;
  let wholeMessage = false;
  for (let n = 0; n < 8 && at < b.length; n++) {
    const key = varint(b, at);
    if (!key) return n > 0;
    const field = Math.floor(key.value / 8);
    const wire = key.value % 8;
    if (!PROFILE_FIELDS[field]?.includes(wire)) return wholeMessage;
    const v = varint(b, key.end);
    if (!v) return true;
    at = wire === 2 ? v.end + v.value : v.end;
    if (wire === 2 && at <= b.length) wholeMessage = true;
  }
  return true;
}

/** A varint at `at` (at most 10 bytes), or null when the bytes end first or it is too long. */
function varint(b: Uint8Array, at: number): { value: number; end: number } | null {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (at + i >= b.length) return null;
    const c = b[at + i]!;
    value += (c & 0x7f) * mul;
    mul *= 128;
    if (c < 0x80) return { value, end: at + i + 1 };
  }
  return null;
}

/**
 * The one-line message for content that is none of the formats read (protobuf, legacy text or
 * binary, V8 JSON): pprof's "unrecognized profile format", with what the content starts with —
 * printable ASCII only, so no byte of the input reaches a terminal as a control sequence.
 */
export function unrecognizedFormatMessage(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 16);
  if (isMostlyText(bytes.subarray(0, 256)) && isUtf8(bytes.subarray(0, 256))) {
    let s = '';
    for (const c of bytes.subarray(0, 40)) {
      if (c === 10 || c === 13) break;
      s += c >= 32 && c < 127 ? String.fromCharCode(c) : '?';
    }
    return `${UNRECOGNIZED_FORMAT} (text starting with ${JSON.stringify(s)})`;
  }
  const hex = [...head.subarray(0, 8)].map((c) => c.toString(16).padStart(2, '0')).join(' ');
  return `${UNRECOGNIZED_FORMAT} (binary data starting with ${hex})`;
}
