import type { LabelSet, Profile } from '../model/profile.js';
import { buildLegacyProfile, type LegacySample } from './legacy-build.js';
import { ALLOC_DROP_FRAMES, ALLOC_KEEP_FRAMES } from './legacy-frame-rules.js';
import { parseHeapHeader } from './legacy-heap-header.js';
import { parseHeapSample } from './legacy-heap-sample.js';
import { isMemoryMapSentinel, parseMemoryMap } from './legacy-maps.js';
import { parseMemStats } from './legacy-memstats.js';
import { hasNamedComments, parseFrameComments } from './legacy-symbols.js';
import { dict, dictOf } from '../util/dict.js';

/**
 * Legacy text heap profiles (Go `WriteTo(w, 1)`, gperftools heap_v2/heapz_v2/heapprofile,
 * growthz, fragmentationz) → the normalized Profile, as google/pprof's parseHeap reads them:
 * header → sample types and period, each sample line unsampled (scaleHeapSample) with its `bytes`
 * label, every stack address minus one as a location, the memory map section → mappings.
 *
 * Go-style files name their frames in `#` comment lines (legacy-symbols.ts): named addresses get
 * function/file/line, unnamed ones (frames Go's writer hid: runtime.goexit, leading allocator
 * frames) are left out of the stacks; a sample left without frames still counts. Files without
 * comment lines keep bare addresses, which reports show per mapping (`[server]`) as pprof does.
 * The allocator drop_frames rule is set here and applied by parse.ts afterwards.
 *
 * Throws an Error whose message starts with `line N:` for malformed input.
 */
export function parseLegacyHeap(text: string): Profile {
  if (text.length === 0) throw new Error('empty input file');
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  let header;
  try {
    header = parseHeapHeader(lines[0]!);
  } catch (e) {
    throw new Error(`line 1: ${(e as Error).message}`);
  }

  // Samples: values, the `bytes` label (one LabelSet per block size), addresses minus one.
  const samples: LegacySample[] = [];
  const labelOfSize = new Map<number, LabelSet>();
  let mapStart = lines.length;
  for (let n = 1; n < lines.length; n++) {
    const t = lines[n]!.trim();
    if (t === '' || t.charCodeAt(0) === 35 /* # */) continue;
    if (isMemoryMapSentinel(t)) {
      mapStart = n + 1;
      break;
    }
    let s;
    try {
      s = parseHeapSample(t, header);
    } catch (e) {
      throw new Error(`line ${n + 1}: ${(e as Error).message}`);
    }
    let labels = labelOfSize.get(s.blockSize);
    if (!labels) {
      labels = { str: dict(), num: dictOf([['bytes', [s.blockSize]]]), numUnit: dict() };
      labelOfSize.set(s.blockSize, labels);
    }
    samples.push({ values: s.values, addrs: s.addrs, labels });
  }

  const notes = [`legacy text heap profile (${header.kind}${header.period ? `, period ${header.period}` : ''})`];
  if (header.v2 && header.period > 1) notes.push(`values unsampled at 1-in-${header.period} bytes (pprof's scaleHeapSample)`);
  return buildLegacyProfile({
    sampleTypes: header.sampleTypes,
    periodType: header.periodType,
    period: header.period,
    samples,
    mappings: parseMemoryMap(lines.slice(mapStart)),
    // Names: from the comment lines when the file has them (Go's writer), else bare addresses.
    named: hasNamedComments(text) ? parseFrameComments(lines) : null,
    dropFrames: ALLOC_DROP_FRAMES,
    keepFrames: ALLOC_KEEP_FRAMES,
    notes,
    format: 'legacy-heap',
    memStats: parseMemStats(lines),
  });
}
