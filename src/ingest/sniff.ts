/** What the (already inflated) bytes look like. Content decides, never the file name. */
export type Sniffed = 'legacy-heap' | 'v8-cpu' | 'v8-heap' | 'html' | 'empty' | 'text' | 'proto';

const LEGACY_HEAP = /^\s*(heap profile:|heap_v2\/|heapz_v2\/|heapprofile|--- heapz|growthz|fragmentationz|heap\b)/;

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return 'empty';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  // pprof's header regexp is unanchored, so a UTF-8 byte order mark before it is fine.
  if (LEGACY_HEAP.test(head.startsWith('\xef\xbb\xbf') ? head.slice(3) : head)) return 'legacy-heap';
  if (/^\s*<(!doctype|html|\?xml|head|body)/i.test(head)) return 'html';
  // V8 profiles (`node --cpu-prof`/`--heap-prof`, DevTools) start with their call tree; the
  // inspector's answers wrap it in "profile".
  const v8 = /^\s*\{\s*(?:"profile"\s*:\s*\{\s*)?"(nodes"\s*:\s*\[|head"\s*:\s*\{)/.exec(head);
  if (v8) return v8[1]!.startsWith('nodes') ? 'v8-cpu' : 'v8-heap';
  // A protobuf Profile starts with a field key; text starts with printable characters only.
  if (isMostlyText(bytes.subarray(0, 256)) && !looksLikeProfileProto(bytes)) return 'text';
  return 'proto';
}

function isMostlyText(b: Uint8Array): boolean {
  for (const c of b) {
    if (c === 9 || c === 10 || c === 13) continue;
    if (c < 32 || c === 127) return false;
  }
  return true;
}

/** profile.proto field 1 (sample_type, length-delimited) is key 0x0a; most writers start with it. */
function looksLikeProfileProto(b: Uint8Array): boolean {
  return b[0] === 0x0a || b[0] === 0x12;
}
