import { type Func, type Location, type Mapping, type Profile, type ValueType } from '../model/profile.js';
import { SampleDecoder } from './proto-samples.js';
import { newTableBudget, TableBudgetError } from './table-budget.js';
import { fieldOf, length, next, ProtoReader, uvarint } from './proto-reader.js';

const utf8 = new TextDecoder('utf-8');

/**
 * Decodes profile.proto straight into the model's typed arrays: one pass over the top-level fields
 * (tables decoded, sample byte ranges noted), the samples decoded from their ranges. No object per
 * sample, no bigint. Produces the same Profile as `decodeProto` (the pprof-format reference,
 * test/helpers/proto-reference.ts), with the same checks.
 */
export function decodeProtoFast(bytes: Uint8Array): Profile {
  return ProtoDecoder.over(bytes).end();
}

/**
 * The decoder, fed as the bytes arrive (`push`, e.g. each chunk zlib inflates): every top-level
 * field complete so far is read at once, and samples are decoded as they come while the sample
 * types read before them stay the only ones — so decoding overlaps the inflating. The chunks are
 * read where they are (a field cut by a chunk's end is put together in a small buffer): copying a
 * large profile into one buffer would cost as much as a tenth of decoding it, most of it the
 * kernel handing out fresh pages. `end` finishes and checks, in the order and with the messages
 * of a decode of the whole buffer: an error met while streaming is kept for `end`, and samples
 * decoded early are decoded again, from the whole buffer, when what they were decoded against
 * changed (sample types after samples) or one failed.
 */
export class ProtoDecoder {
  private readonly chunks: Uint8Array[] = [];
  private filled = 0;
  /** Unread bytes before the newest chunk: the start of a field cut by a chunk's end. */
  private carry: Uint8Array = EMPTY;
  /** Where the unread bytes start, counted from the first byte pushed. */
  private pos = 0;
  private readonly top = new TopLevel();
  private samples: SampleDecoder | null = null;
  private decoded = 0;
  private streaming = true;
  private failure: Error | null = null;
  private ended = false;

  /** For bytes to be pushed; `sizeHint` (the expected total, if known) sizes the sample arrays. */
  constructor(private sizeHint = 0) {}

  /** A decoder over bytes already all here (samples decoded after the scan). */
  static over(bytes: Uint8Array): ProtoDecoder {
    const d = new ProtoDecoder(0);
    d.chunks.push(bytes);
    d.filled = bytes.length;
    d.carry = bytes;
    d.streaming = false;
    return d;
  }

  /** Samples decoded so far (while streaming; all of them only in `end`). */
  get samplesDecoded(): number {
    return this.samples?.count ?? 0;
  }

  /** The first bytes pushed (enough to tell what the content is). */
  head(): Uint8Array {
    return this.chunks[0] ?? EMPTY;
  }

  /** All the bytes pushed, in one buffer (put together on demand: fallbacks only). */
  bytes(): Uint8Array {
    if (this.chunks.length <= 1) return this.chunks[0] ?? EMPTY;
    const out = sameKind(this.chunks[0]!, this.filled);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c.subarray(0, Math.min(c.length, this.filled - at)), at);
      at += c.length;
      if (at >= this.filled) break;
    }
    return out;
  }

  /** A flood of strings or comments (see table-budget.ts): refused whatever the rest holds. */
  stop(): Error | null {
    return this.failure instanceof TableBudgetError ? this.failure : null;
  }

  /**
   * Past the inflater's keep budget: goes on while it decodes (it holds the bytes and what they
   * decode to, as decoding them after the count would), not once it failed (a gzip bomb of
   * zeros fails at its first byte: then it is dropped, and its chunks with it).
   */
  pastKeep(): boolean {
    return this.failure === null && this.streaming;
  }

  /**
   * The input goes on to about `total` bytes (a claim, e.g. gzip's trailer, once the bytes so far
   * made a smaller hint too small): the sample arrays grow to it now, at the rate of samples per
   * byte so far, instead of doubling as they fill.
   */
  expect(total: number): void {
    if (total <= this.sizeHint) return;
    this.sizeHint = total;
    if (this.samples !== null && this.streaming && this.pos > 0) this.samples.reserve(Math.ceil((1.1 * this.samples.count * total) / this.pos), total >>> 1);
  }

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.filled += chunk.length;
    if (this.failure) return;
    try {
      this.read(chunk);
    } catch (e) {
      this.failure = e as Error;
    }
  }

  /** Reads the whole fields of the carried bytes and `chunk`, and keeps the rest as the new carry. */
  private read(chunk: Uint8Array): void {
    let from = 0;
    if (this.carry.length > 0) {
      // The field the carry starts: complete it from the chunk's first bytes, read it alone.
      const size = fieldSize(this.carry, chunk);
      if (size < 0 || size > this.carry.length + chunk.length) {
        this.carry = concat(this.carry, chunk);
        return;
      }
      const field = concat(this.carry, chunk.subarray(0, size - this.carry.length));
      this.scanIn(field, this.pos, field.length);
      from = size - this.carry.length;
    }
    const base = this.pos - from;
    const stop = this.scanIn(chunk, base, chunk.length, from);
    this.carry = chunk.subarray(stop);
  }

  /** Scans the whole fields of `bytes` from `from`; `base`: where `bytes` starts in the input. Returns where it stopped. */
  private scanIn(bytes: Uint8Array, base: number, limit: number, from = 0, final = false): number {
    this.top.rebind(bytes, base);
    const stop = scan(bytes, from, limit, final, this.top);
    this.pos = base + stop;
    if (this.streaming) this.decodeArrived(bytes, base);
    return stop;
  }

  /** The Profile (a fresh one from the bytes if called again). Throws an Error naming the problem. */
  end(): Profile {
    if (this.ended) return decodeProtoFast(this.bytes());
    this.ended = true;
    try {
      if (this.failure) throw this.failure;
      // What is left is one field cut short (or, from `over`, everything): read to its end, and fail there.
      if (this.carry.length > 0) this.scanIn(this.carry, this.pos, this.carry.length, 0, true);
      const whole = this.samples === null || this.decoded !== this.top.nRanges;
      return finish(whole ? this.bytes() : EMPTY, this.top, whole ? null : this.samples);
    } catch (e) {
      const msg = (e as Error).message;
      if (e instanceof TableBudgetError) throw e;
      throw new Error(msg.startsWith('corrupt protobuf') ? msg : `corrupt protobuf: ${msg}`);
    }
  }

  /** Decodes the samples noted since the last call (in `bytes`, from `base` on), while that stays equivalent to decoding them at the end. */
  private decodeArrived(bytes: Uint8Array, base: number): void {
    const top = this.top;
    const nv = top.sampleTypesRaw.length;
    if (this.samples === null) {
      if (top.nRanges === 0) return;
      // Sized for as many samples per byte in the rest as in what is here (a tenth more).
      const scale = (1.1 * Math.max(this.sizeHint, this.filled)) / Math.max(this.pos, 1);
      this.samples = new SampleDecoder(bytes, nv, Math.ceil((top.nRanges / 2) * scale), this.sizeHint >>> 1);
    } else if (this.samples.nv !== nv) return this.stopStreaming();
    const ranges = top.sampleRanges;
    const to = top.nRanges;
    const d = this.samples;
    d.rebind(bytes);
    try {
      decodeRanges(d, ranges, this.decoded, to, base);
      this.decoded = to;
    } catch {
      this.stopStreaming();
    }
  }

  private stopStreaming(): void {
    this.streaming = false;
    this.samples = null;
    this.decoded = 0;
  }
}

const EMPTY = new Uint8Array(0);

/**
 * The samples at `ranges[from..to)` (start, end pairs, offset by `base`). Alone in a function: V8
 * compiles the loop while it runs (on-stack replacement), and code after it in the same function,
 * not run yet when it was compiled, would throw that compiled code away at the loop's end — at
 * every chunk until V8 compiled it again.
 */
function decodeRanges(d: SampleDecoder, ranges: ArrayLike<number>, from: number, to: number, base: number): void {
  for (let i = from; i < to; i += 2) d.sample(ranges[i]! - base, ranges[i + 1]! - base);
}

/**
 * A new array of `n` bytes of `like`'s own kind (Node's Buffer for zlib's chunks, found through
 * its species, so that the engine names no Node global): the hot loops see one kind of array.
 */
function sameKind(like: Uint8Array, n: number): Uint8Array {
  const kind = (like.constructor as { [Symbol.species]?: new (n: number) => Uint8Array })[Symbol.species] ?? Uint8Array;
  return new kind(n);
}

/** `a` then `b`, in a buffer of `b`'s kind: the hot loops see one kind of array. */
function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = sameKind(b, a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The size of the field starting at `a[0]` and going on in `b` (key, length and value), or -1
 * while its key or length is not all there yet. A malformed one counts as whole (reading it fails).
 */
function fieldSize(a: Uint8Array, b: Uint8Array): number {
  const at = (i: number): number => (i < a.length ? a[i]! : i - a.length < b.length ? b[i - a.length]! : -1);
  let i = 0;
  const wire = at(0) & 7;
  for (let c = at(i); c >= 0x80; c = at(++i));
  if (at(i) < 0) return -1;
  i++;
  switch (wire) {
    case 0:
      for (let c = at(i); ; c = at(++i)) {
        if (c < 0) return -1;
        if (c < 0x80) return i + 1;
      }
    case 1:
      return i + 8;
    case 5:
      return i + 4;
    case 2: {
      let n = 0;
      for (let scale = 1; ; scale *= 128) {
        const c = at(i++);
        if (c < 0) return -1;
        n += (c & 0x7f) * scale;
        if (c < 0x80) return i + n;
        if (scale > 2 ** 63) return i;
      }
    }
    default:
      return i;
  }
}

/** The top-level fields of a Profile message, as read: tables decoded, samples as byte ranges. */
class TopLevel {
  readonly strings: string[] = [];
  readonly sampleTypesRaw: [number, number][] = [];
  sampleRanges = new Uint32Array(1024);
  nRanges = 0;
  readonly mappingsRaw: { id: number; m: Mapping; file: number; build: number }[] = [];
  readonly locationsRaw: { id: number; mappingId: number; loc: Location; lineFuncIds: number[] }[] = [];
  readonly functionsRaw: { id: number; name: number; sys: number; file: number; start: number }[] = [];
  readonly comments: number[] = [];
  /** What the tables read so far take in the heap: stops a flood of strings or comments early. */
  private readonly budget = newTableBudget();
  dropFrames = 0;
  keepFrames = 0;
  timeNanos = 0;
  durationNanos = 0;
  period = 0;
  periodType: [number, number] | null = null;
  defaultSampleType = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  /** Where `bytes` starts in the input: sample ranges are kept as input offsets. */
  private base = 0;
  private r = new ProtoReader(this.bytes);
  /** Reads one table message at a time (see `location`). */
  private t = new ProtoReader(this.bytes);

  /** Reads from `bytes`, which start at `base` in the input, from now on. */
  rebind(bytes: Uint8Array, base: number): void {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.r = new ProtoReader(bytes);
      this.t = new ProtoReader(bytes);
    }
    this.base = base;
  }

  sample(start: number, end: number): void {
    if (this.nRanges + 2 > this.sampleRanges.length) {
      const grown = new Uint32Array(this.sampleRanges.length * 2);
      grown.set(this.sampleRanges);
      this.sampleRanges = grown;
    }
    this.sampleRanges[this.nRanges++] = this.base + start;
    this.sampleRanges[this.nRanges++] = this.base + end;
  }

  /** Any other field with key `k`, whose value starts at `p`; returns where the next field starts. */
  field(k: number, p: number): number {
    if (k < 8) throw new Error('invalid field number 0');
    const { r, bytes } = this;
    r.pos = p;
    const field = fieldOf(k);
    const wire = k & 7;
    if (wire === 2 && field !== 13) {
      const n = r.len();
      const start = r.pos;
      const end = start + n;
      switch (field) {
        case 1:
          this.sampleTypesRaw.push(valueType(this.t, start, end));
          break;
        case 2:
          this.sample(start, end);
          break;
        case 3:
          this.budget.row();
          this.mappingsRaw.push(mapping(this.t, start, end));
          break;
        case 4:
          this.budget.row();
          this.locationsRaw.push(location(this.t, start, end));
          break;
        case 5:
          this.budget.row();
          this.functionsRaw.push(func(this.t, start, end));
          break;
        case 6:
          this.budget.string(n);
          this.strings.push(utf8.decode(bytes.subarray(start, end)));
          break;
        case 11:
          this.periodType = valueType(this.t, start, end);
          break;
      }
      return end;
    }
    switch (field) {
      case 7:
        this.dropFrames = expectVarint(r, wire);
        break;
      case 8:
        this.keepFrames = expectVarint(r, wire);
        break;
      case 9:
        this.timeNanos = r.int64();
        break;
      case 10:
        this.durationNanos = r.int64();
        break;
      case 12:
        this.period = r.int64();
        break;
      case 13:
        r.repeated(wire, false, (v) => {
          this.budget.comment();
          this.comments.push(v);
        });
        break;
      case 14:
        this.defaultSampleType = expectVarint(r, wire);
        break;
      default:
        r.skip(wire);
    }
    return r.pos;
  }
}

/**
 * The top-level fields from `p` on, up to `limit`; returns where it stopped. Samples are most of
 * them: their ranges are noted right here, in a loop small enough for V8 to optimize within a few
 * thousand fields. Unless `final`, only whole fields are read (more bytes are coming); `final`
 * reads to the end and fails on a field cut short.
 */
function scan(bytes: Uint8Array, p: number, limit: number, final: boolean, top: TopLevel): number {
  while (p < limit) {
    if (!final && !whole(bytes, p, limit)) break;
    let k = bytes[p++]!;
    if (k >= 0x80) {
      k = uvarint(bytes, p - 1, limit);
      p = next;
    }
    if (k === 0x12) {
      const n = length(bytes, p, limit);
      top.sample(next, next + n);
      p = next + n;
    } else p = top.field(k, p);
  }
  return p;
}

/** Whether the field starting at `p` ends before `limit` (a malformed one counts as whole: reading it fails). */
function whole(b: Uint8Array, p: number, limit: number): boolean {
  const wire = b[p]! & 7;
  while (b[p]! >= 0x80) if (++p >= limit) return false;
  p++;
  switch (wire) {
    case 0:
      for (; p < limit; p++) if (b[p]! < 0x80) return true;
      return false;
    case 1:
      return p + 8 <= limit;
    case 5:
      return p + 4 <= limit;
    case 2: {
      let n = 0;
      for (let scale = 1; ; scale *= 128) {
        if (p >= limit) return false;
        const c = b[p++]!;
        n += (c & 0x7f) * scale;
        if (c < 0x80) return n <= limit - p;
        if (scale > 2 ** 63) return true;
      }
    }
    default:
      return true;
  }
}

/** The Profile, once every top-level field is read; `streamed` decoded every sample already, else they are decoded from `bytes` (the whole input). */
function finish(bytes: Uint8Array, top: TopLevel, streamed: SampleDecoder | null): Profile {
  const { strings, sampleTypesRaw, mappingsRaw, locationsRaw, functionsRaw, comments, dropFrames, keepFrames, timeNanos, durationNanos, period, periodType, defaultSampleType } = top;
  const sampleRanges = top.sampleRanges;

  const str = (i: number): string => {
    if (i === 0) return '';
    const s = strings[i];
    if (s === undefined) throw new Error(`corrupt protobuf: string index ${i} out of range (${strings.length} strings)`);
    return s;
  };

  const sampleTypes: ValueType[] = sampleTypesRaw.map(([t, u]) => ({ type: str(t), unit: str(u) }));
  const mappingIndex = new Map<number, number>();
  const mappings = mappingsRaw.map((m, i) => {
    if (m.id === 0) throw new Error('corrupt protobuf: found mapping with reserved ID=0');
    if (mappingIndex.has(m.id)) throw new Error(`corrupt protobuf: multiple mappings with same id: ${m.id}`);
    mappingIndex.set(m.id, i);
    m.m.file = str(m.file);
    m.m.buildId = str(m.build);
    return m.m;
  });
  const funcIndex = new Map<number, number>();
  const functions: Func[] = functionsRaw.map((f, i) => {
    if (f.id === 0) throw new Error('corrupt protobuf: found function with reserved ID=0');
    if (funcIndex.has(f.id)) throw new Error(`corrupt protobuf: multiple functions with same id: ${f.id}`);
    funcIndex.set(f.id, i);
    return { name: str(f.name), systemName: str(f.sys), filename: str(f.file), startLine: f.start };
  });
  const locIndex = new Map<number, number>();
  const locations: Location[] = locationsRaw.map((l, i) => {
    if (l.id === 0) throw new Error('corrupt protobuf: found location with reserved id=0');
    if (locIndex.has(l.id)) throw new Error(`corrupt protobuf: multiple locations with same id: ${l.id}`);
    locIndex.set(l.id, i);
    if (l.mappingId !== 0) {
      const mi = mappingIndex.get(l.mappingId);
      if (mi === undefined) throw new Error(`corrupt protobuf: location ${l.id} references unknown mapping ${l.mappingId}`);
      l.loc.mapping = mi;
    }
    l.lineFuncIds.forEach((fid, k) => {
      if (fid === 0) return;
      const fi = funcIndex.get(fid);
      if (fi === undefined) throw new Error(`corrupt protobuf: location ${l.id} references unknown function ${fid}`);
      l.loc.lines[k]!.func = fi;
    });
    return l.loc;
  });

  // Location ids are usually dense (1..n): a typed lookup table beats a Map in the sample loop.
  let maxId = 0;
  for (const id of locIndex.keys()) maxId = Math.max(maxId, id);
  const dense = maxId <= 4 * locations.length + 1024;
  const table = new Int32Array(dense ? maxId + 1 : 0).fill(-1);
  if (dense) for (const [id, i] of locIndex) table[id] = i;
  const lookup = (id: number): number => (dense ? -1 : (locIndex.get(id) ?? -1));

  let d = streamed;
  if (d === null) {
    // Each location id takes a byte at least: the samples' bytes bound their number.
    let sampleBytes = 0;
    for (let i = 0; i < top.nRanges; i += 2) sampleBytes += sampleRanges[i + 1]! - sampleRanges[i]!;
    d = new SampleDecoder(bytes, sampleTypes.length, top.nRanges / 2, sampleBytes);
    decodeRanges(d, sampleRanges, 0, top.nRanges, 0);
  }
  const samples = d.finish({ count: locations.length, table, lookup }, str);
  return {
    sampleTypes,
    defaultSampleType: str(defaultSampleType),
    periodType: periodType ? { type: str(periodType[0]), unit: str(periodType[1]) } : null,
    period,
    timeNanos,
    durationNanos,
    comments: comments.map(str),
    dropFrames: str(dropFrames),
    keepFrames: str(keepFrames),
    functions,
    locations,
    mappings,
    samples,
    meta: { format: 'pprof-proto', sources: [], memStats: [], notes: [] },
  };
}

function expectVarint(r: ProtoReader, wire: number): number {
  if (wire !== 0) throw new Error(`wire type ${wire} for an integer field`);
  return r.uvarint();
}

// The tables (a few thousand messages at most) are read with one reader, re-pointed at each
// message, and raw keys: no allocation per field, which matters while this code still runs
// unoptimized.

function valueType(r: ProtoReader, start: number, end: number): [number, number] {
  r.reset(start, end);
  let t = 0;
  let u = 0;
  while (!r.done) {
    const k = r.keyRaw();
    const w = k & 7;
    const f = fieldOf(k);
    if (w !== 0) r.skip(w);
    else if (f === 1) t = r.uvarint();
    else if (f === 2) u = r.uvarint();
    else r.skip(w);
  }
  return [t, u];
}

function mapping(r: ProtoReader, start: number, end: number) {
  r.reset(start, end);
  const m: Mapping = {
    start: 0,
    limit: 0,
    offset: 0,
    file: '',
    buildId: '',
    hasFunctions: false,
    hasFilenames: false,
    hasLineNumbers: false,
    hasInlineFrames: false,
  };
  let id = 0;
  let file = 0;
  let build = 0;
  while (!r.done) {
    const k = r.keyRaw();
    if ((k & 7) !== 0) {
      r.skip(k & 7);
      continue;
    }
    const v = r.uvarint();
    switch (fieldOf(k)) {
      case 1: id = v; break;
      case 2: m.start = v; break;
      case 3: m.limit = v; break;
      case 4: m.offset = v; break;
      case 5: file = v; break;
      case 6: build = v; break;
      case 7: m.hasFunctions = v !== 0; break;
      case 8: m.hasFilenames = v !== 0; break;
      case 9: m.hasLineNumbers = v !== 0; break;
      case 10: m.hasInlineFrames = v !== 0; break;
    }
  }
  return { id, m, file, build };
}

function location(r: ProtoReader, start: number, end: number) {
  r.reset(start, end);
  const loc: Location = { address: 0, mapping: -1, lines: [], isFolded: false };
  const lineFuncIds: number[] = [];
  let id = 0;
  let mappingId = 0;
  while (!r.done) {
    const k = r.keyRaw();
    const w = k & 7;
    const f = fieldOf(k);
    if (f === 4 && w === 2) {
      const n = r.len();
      const after = r.pos + n;
      let fid = 0;
      let line = 0;
      let column = 0;
      // A Line message: read in place, then the reader goes on after it.
      const outer = r.end;
      r.end = after;
      while (!r.done) {
        const lk = r.keyRaw();
        const lw = lk & 7;
        const lf = fieldOf(lk);
        if (lw !== 0) r.skip(lw);
        else if (lf === 1) fid = r.uvarint();
        else if (lf === 2) line = r.int64();
        else if (lf === 3) column = r.int64();
        else r.skip(lw);
      }
      r.end = outer;
      loc.lines.push({ func: -1, line, column });
      lineFuncIds.push(fid);
    } else if (w !== 0) r.skip(w);
    else if (f === 1) id = r.uvarint();
    else if (f === 2) mappingId = r.uvarint();
    else if (f === 3) loc.address = r.uvarint();
    else if (f === 5) loc.isFolded = r.uvarint() !== 0;
    else r.skip(w);
  }
  return { id, mappingId, loc, lineFuncIds };
}

function func(r: ProtoReader, start: number, end: number) {
  r.reset(start, end);
  const out = { id: 0, name: 0, sys: 0, file: 0, start: 0 };
  while (!r.done) {
    const k = r.keyRaw();
    const w = k & 7;
    const f = fieldOf(k);
    if (w !== 0) r.skip(w);
    else if (f === 1) out.id = r.uvarint();
    else if (f === 2) out.name = r.uvarint();
    else if (f === 3) out.sys = r.uvarint();
    else if (f === 4) out.file = r.uvarint();
    else if (f === 5) out.start = r.int64();
    else r.skip(w);
  }
  return out;
}
