import type { Profile } from '../model/profile.js';
import { parseGoCount } from './legacy-count.js';
import { parseContention } from './legacy-contention.js';
import { parseLegacyHeap } from './legacy-heap.js';
import { parseJavaProfile } from './legacy-java.js';
import { UnrecognizedFormat, scanLines, tooLongLine } from './legacy-lines.js';
import { hasNamedComments, parseFrameComments } from './legacy-symbols.js';
import { parseThread } from './legacy-thread.js';

/**
 * pprof's parseLegacy for text: heap (a first line with `heap profile:`), then Go's count
 * profiles (goroutine, threadcreate), thread profiles, contention (C++ contentionz, Go's mutex and
 * block), Java heapz/contentionz — the first parser that recognizes the content reads it; its
 * errors are the input's. `heapLike`: the content looks like a heap profile header (sniff.ts), so
 * when no parser takes it, the heap parser says what is wrong with the header.
 * Throws UnrecognizedFormat when no parser recognizes the text.
 */
export function parseLegacyText(text: string, heapLike: boolean): Profile {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  if (first.includes('heap profile:')) return parseLegacyHeap(text);
  const lines = scanLines(text);
  const named = () => (hasNamedComments(text) ? parseFrameComments(lines) : null);
  const parsers: [string, () => Profile][] = [
    ['count', () => parseGoCount(lines, named)],
    ['thread', () => parseThread(lines)],
    ['contention', () => parseContention(lines, named)],
    ['java', () => parseJavaProfile(text)],
  ];
  for (const [kind, parse] of parsers) {
    let p: Profile;
    try {
      p = parse();
    } catch (e) {
      if (e instanceof UnrecognizedFormat) continue;
      throw e;
    }
    // Go's line scanner stops with an error at a line over 64 KiB; Java's reader has no limit.
    if (kind !== 'java' && tooLongLine(lines)) throw new Error('bufio.Scanner: token too long');
    return p;
  }
  if (heapLike) return parseLegacyHeap(text);
  throw new UnrecognizedFormat();
}
