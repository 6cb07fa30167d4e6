import type { Func, LabelSet, Location, Profile } from '../model/profile.js';
import { SamplesBuilder } from '../model/samples-builder.js';
import { ALLOC_DROP_FRAMES, ALLOC_KEEP_FRAMES } from './legacy-frame-rules.js';
import { parseHeapHeader } from './legacy-heap-header.js';
import { parseHeapSample } from './legacy-heap-sample.js';
import { assignMappings, isMemoryMapSentinel, parseMemoryMap } from './legacy-maps.js';
import { parseMemStats } from './legacy-memstats.js';
import { type Frame, hasNamedComments, parseFrameComments } from './legacy-symbols.js';

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

  // Samples: values, block size, location indices (one location per distinct address).
  const locIndex = new Map<number | string, number>();
  const locKeys: (number | string)[] = [];
  const locAddrs: number[] = [];
  const sampleValues: number[][] = [];
  const sampleSizes: number[] = [];
  const sampleLocs: number[][] = [];
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
    const locs: number[] = [];
    for (const a of s.addrs) {
      let li = locIndex.get(a.key);
      if (li === undefined) {
        li = locAddrs.length;
        locIndex.set(a.key, li);
        locKeys.push(a.key);
        locAddrs.push(a.value);
      }
      locs.push(li);
    }
    sampleValues.push(s.values);
    sampleSizes.push(s.blockSize);
    sampleLocs.push(locs);
  }

  const { mappings, of } = assignMappings(parseMemoryMap(lines.slice(mapStart)), locAddrs);

  // Names: from the comment lines when the file has them (Go's writer), else bare addresses.
  const named = hasNamedComments(text) ? parseFrameComments(lines) : null;
  const functions: Func[] = [];
  const funcIndex = new Map<string, number>();
  const funcOf = (f: Frame): number => {
    const key = `${f.name}\0${f.file}`;
    let fi = funcIndex.get(key);
    if (fi === undefined) {
      fi = functions.length;
      functions.push({ name: f.name, systemName: f.name, filename: f.file, startLine: 0 });
      funcIndex.set(key, fi);
    }
    return fi;
  };
  const locations: Location[] = [];
  const newIndex = new Int32Array(locAddrs.length).fill(-1);
  for (let li = 0; li < locAddrs.length; li++) {
    let lines: Location['lines'] = [];
    if (named) {
      const frames = named.get(locKeys[li]!);
      if (!frames) continue;
      lines = frames.map((f) => ({ func: funcOf(f), line: f.line, column: 0 }));
    }
    newIndex[li] = locations.length;
    locations.push({ address: locAddrs[li]!, mapping: of[li]!, lines, isFolded: false });
  }
  if (named) {
    for (const m of mappings) m.hasFunctions = m.hasFilenames = m.hasLineNumbers = true;
  }

  const builder = new SamplesBuilder(header.sampleTypes.length);
  const labelOfSize = new Map<number, number>();
  const stack: number[] = [];
  let emptied = 0;
  for (let i = 0; i < sampleValues.length; i++) {
    stack.length = 0;
    for (const li of sampleLocs[i]!) {
      const ni = newIndex[li]!;
      if (ni >= 0) stack.push(ni);
    }
    // A sample none of whose addresses is named keeps its empty stack: it still counts in the
    // total, as its unsymbolized frames would (and as pprof counts a stackless sample).
    if (named && stack.length === 0 && sampleLocs[i]!.length > 0) emptied++;
    const size = sampleSizes[i]!;
    let label = labelOfSize.get(size);
    if (label === undefined) {
      const set: LabelSet = { str: {}, num: { bytes: [size] }, numUnit: {} };
      label = builder.internLabels(set);
      labelOfSize.set(size, label);
    }
    builder.add(stack, sampleValues[i]!, label);
  }

  const notes = [`legacy text heap profile (${header.kind}${header.period ? `, period ${header.period}` : ''})`];
  if (header.v2 && header.period > 1) notes.push(`values unsampled at 1-in-${header.period} bytes (pprof's scaleHeapSample)`);
  if (named) {
    notes.push(
      `frames named from the file's comment lines; ${locAddrs.length - locations.length} unnamed addresses left out` +
        (emptied ? `, ${emptied} samples left without named frames (counted in the total, no node)` : ''),
    );
  }
  return {
    sampleTypes: header.sampleTypes,
    defaultSampleType: '',
    periodType: header.periodType,
    period: header.period,
    timeNanos: 0,
    durationNanos: 0,
    comments: [],
    dropFrames: ALLOC_DROP_FRAMES,
    keepFrames: ALLOC_KEEP_FRAMES,
    functions,
    locations,
    mappings,
    samples: builder.finish(),
    meta: { format: 'legacy-heap', sources: [], memStats: parseMemStats(lines), notes },
  };
}
