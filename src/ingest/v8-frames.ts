import { platform } from '../util/platform.js';
import type { Func, Location, Profile, Samples, SourceFormat, ValueType } from '../model/profile.js';

/** Deeper stacks are refused: V8 records at most a few hundred frames, and a hostile tree this deep would cost depth² to expand. */
export const MAX_V8_DEPTH = 10_000;

/** A V8 call frame, as CPU and sampling heap profiles carry them (0-based line and column). */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/**
 * Functions and locations of a V8 profile: one function per (name, file, start line), one location
 * per call frame. Unnamed functions are told apart by position, as @datadog/pprof names them.
 */
export class FrameTable {
  readonly functions: Func[] = [];
  readonly locations: Location[] = [];
  private readonly funcKeys = new Map<string, number>();
  private readonly locKeys = new Map<string, number>();

  /** The location index of a call frame. */
  locationOf(f: CallFrame): number {
    const line = f.lineNumber >= 0 ? f.lineNumber + 1 : 0;
    const column = f.columnNumber >= 0 ? f.columnNumber + 1 : 0;
    const name = f.functionName !== '' ? f.functionName : `(anonymous:L#${line}:C#${column})`;
    const file = fileName(f.url);
    const fk = `${name}\n${file}\n${line}`;
    let fi = this.funcKeys.get(fk);
    if (fi === undefined) {
      fi = this.functions.length;
      this.functions.push({ name, systemName: name, filename: file, startLine: line });
      this.funcKeys.set(fk, fi);
    }
    const lk = `${fi}\n${column}`;
    let li = this.locKeys.get(lk);
    if (li === undefined) {
      li = this.locations.length;
      this.locations.push({ address: 0, mapping: -1, lines: [{ func: fi, line, column }], isFolded: false });
      this.locKeys.set(lk, li);
    }
    return li;
  }
}

/** A script's URL as a path where it is a file, else as given (`node:internal/…`, `https://…`, ""). */
function fileName(url: string): string {
  if (!url.startsWith('file:')) return url;
  try {
    return platform().fileUrlPath(url);
  } catch {
    return url;
  }
}

/** Whether `f` is a complete call frame. */
export function isCallFrame(f: unknown): f is CallFrame {
  const c = f as Partial<CallFrame> | null;
  return !!c && typeof c.functionName === 'string' && typeof c.url === 'string' && isNum(c.lineNumber) && isNum(c.columnNumber);
}

export function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * A size or a time (bytes, µs) that sums stay finite with: within ±2^53. JSON allows 1e308, whose
 * sum or ×1000 (µs → ns) is Infinity, and the reports then said "InfinityPB" and "NaN%" (and the
 * JSON report's values became null); V8 writes integers far below this.
 */
export function isSafeQuantity(x: unknown): x is number {
  return isNum(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER;
}

/** JSON.parse, then the inspector's `{ profile: … }` answer unwrapped (saved as is, it reads the same). */
export function parseV8Json(text: string, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`bad ${what} JSON: ${(e as Error).message}`);
  }
  if (!v || typeof v !== 'object') throw new Error(`not a ${what}: not a JSON object`);
  const inner = (v as { profile?: unknown }).profile;
  return (inner && typeof inner === 'object' ? inner : v) as Record<string, unknown>;
}

/**
 * A Profile from a V8 profile's frames and samples: no mappings, no comments, no drop_frames. Two
 * sample types, `samples` (the count) and `value`, the default.
 */
export function v8Profile(o: {
  format: SourceFormat;
  value: ValueType;
  periodType: ValueType;
  period: number;
  durationNanos: number;
  frames: FrameTable;
  samples: Samples;
  note: string;
}): Profile {
  return {
    sampleTypes: [{ type: 'samples', unit: 'count' }, o.value],
    defaultSampleType: o.value.type,
    periodType: o.periodType,
    period: o.period,
    // V8 stamps profiles with a monotonic clock, not a date: no `Time:` line.
    timeNanos: 0,
    durationNanos: o.durationNanos,
    comments: [],
    dropFrames: '',
    keepFrames: '',
    functions: o.frames.functions,
    locations: o.frames.locations,
    mappings: [],
    samples: o.samples,
    meta: { format: o.format, sources: [], memStats: [], notes: [o.note] },
  };
}
