import { hex64Key } from './legacy-hex.js';

/**
 * Frame names from the comment lines Go's debug=1 heap writer prints after each sample line:
 * `#\t0xPC\tfunc+0xOFF\tfile:line`, one per frame from runtime.CallersFrames, whose PC is the
 * stack address minus one — exactly the address pprof's parser gives the location. The rules are
 * those of samples/programs/legacy2proto (the converter the pprof goldens are made with; see
 * samples/programs/README.md):
 * - one global map PC → frames; the first sample block that names a PC wins;
 * - several consecutive lines with one PC in a block are inlined frames, innermost first;
 *   the same PC again later in a block (recursion) adds nothing, nor does a consecutive line that
 *   repeats the previous frame exactly (direct recursion; the one deliberate difference from
 *   legacy2proto, invisible in reports);
 * - fields are separated by runs of tabs (Go's tabwriter padding), so a name may contain spaces
 *   (C++ `ns::Widget::make(int, char const*)`); a line without tabs is split on whitespace;
 * - `func+0xOFF` loses `+0xOFF`; `file:line` splits at the last `:`;
 * - a `#\t0xPC` line without a name names nothing.
 */
export interface Frame {
  name: string;
  file: string;
  line: number;
}

// Go RE2's \s is [\t\n\f\r ] (ASCII only).
// A sample line opens a block: heap (`N: B [N: B] @`), contention (`CYCLES COUNT @`), count (`N @`).
const SAMPLE_LINE = /^[\t\n\f\r ]*-?\d+(?:: *-?\d+ *\[ *\d+: *\d+ *\] *| +\d+ *| *)@/;
const HEX_PC = /^0[xX][0-9a-fA-F]+$/;
const QUICK_PC = /^[ \t]*#\t+0[xX]([0-9a-fA-F]+)\t/;
const FUNC_OFF = /^(.*)\+0x[0-9a-fA-F]+$/;
/** What makes a file "Go-style" (test/goldens/regen.sh converts exactly those). */
const NAMED_COMMENT = /^#[ \t]+0x[0-9a-fA-F]+[ \t]+[^ \t]/m;
const MAX_I64 = (1n << 63n) - 1n;

export function hasNamedComments(text: string): boolean {
  return NAMED_COMMENT.test(text);
}

/** Go's strings.TrimSpace for the ASCII whitespace that matters here. */
function trim(s: string): string {
  return s.trim();
}

/**
 * legacy2proto's splitComment: `#\t0xPC\tfunc+0xOFF\tfile:line` → [PC hex digits, func+0xOFF,
 * file:line] (the last two possibly empty), or null when the line is not such a comment.
 */
export function splitComment(line: string): [string, string, string] | null {
  let a = 0;
  let b = line.length;
  while (b > a && (line[b - 1] === ' ' || line[b - 1] === '\t' || line[b - 1] === '\r')) b--;
  while (a < b && (line[a] === ' ' || line[a] === '\t')) a++;
  if (line[a] !== '#') return null;
  const t = line.slice(a + 1, b);
  let fields: string[];
  let sep: string;
  if (t.includes('\t')) {
    fields = t.split('\t').map(trim).filter((f) => f !== '');
    sep = '\t';
  } else {
    fields = t.split(/\s+/).filter((f) => f !== ''); // strings.Fields
    sep = ' ';
  }
  if (fields.length > 3) fields = [fields[0]!, fields[1]!, fields.slice(2).join(sep)];
  if (fields.length === 0 || !HEX_PC.test(fields[0]!)) return null;
  return [fields[0]!.slice(2), fields[1] ?? '', fields[2] ?? ''];
}

/** `lines` are the file's lines (without line ends); returns PC key → frames. */
export function parseFrameComments(lines: string[]): Map<number | string, Frame[]> {
  const named = new Map<number | string, Frame[]>();
  let inBlock = false;
  let block = new Map<number | string, Frame[]>();
  let blockPCs: (number | string)[] = [];
  let lastPC: number | string = -1;
  const flush = (): void => {
    for (const pc of blockPCs) {
      const frames = block.get(pc);
      if (!named.has(pc) && frames && frames.length > 0) named.set(pc, frames);
    }
    blockPCs = [];
    block = new Map();
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    let c = 0;
    while (line[c] === ' ' || line[c] === '\t') c++;
    const isComment = line[c] === '#';
    if (!isComment && SAMPLE_LINE.test(line)) {
      flush();
      inBlock = true;
      lastPC = -1;
      continue;
    }
    if (!isComment) {
      const t = trim(line);
      // Blank lines keep the block open; a "#" after other leading whitespace names nothing.
      if (t === '' || t.startsWith('#')) continue;
      flush();
      inBlock = false;
      continue;
    }
    if (!inBlock) continue;
    // Fast path for Go's own "#\t0xPC\t…" lines whose PC an earlier block already named: only
    // lastPC matters then (that block's frames win).
    const quick = QUICK_PC.exec(line);
    if (quick) {
      const k = hex64Key(quick[1]!);
      if (k !== null && named.has(k)) {
        lastPC = k;
        continue;
      }
    }
    const m = splitComment(line);
    if (!m) continue; // e.g. "# runtime.MemStats"
    const pc = hex64Key(m[0]);
    if (pc === null) throw new Error(`line ${n + 1}: bad PC in comment line: 0x${m[0]} does not fit in 64 bits`);
    if (named.has(pc)) {
      lastPC = pc; // an earlier block named this PC and wins
      continue;
    }
    if (m[1] === '') {
      lastPC = pc;
      continue;
    }
    const fo = FUNC_OFF.exec(m[1]);
    const name = fo ? fo[1]! : m[1];
    let file = '';
    let ln = 0;
    const loc = trim(m[2]);
    if (loc !== '') {
      file = loc;
      const i = loc.lastIndexOf(':');
      if (i >= 0) {
        const num = parseGoInt(loc.slice(i + 1));
        if (num !== null) {
          file = loc.slice(0, i);
          ln = num;
        }
      }
    }
    const frames = block.get(pc);
    if (!frames) {
      blockPCs.push(pc);
      block.set(pc, [{ name, file, line: ln }]);
    } else if (pc === lastPC) {
      // Consecutive lines for one PC are inlined frames — unless the line repeats the previous one
      // exactly: that is direct recursion (Go never inlines a function into itself), which adds
      // nothing. legacy2proto appends it as one more inlined frame; reports are the same either
      // way (pprof draws no self-edges and counts a node once per stack).
      const prev = frames[frames.length - 1]!;
      if (prev.name !== name || prev.file !== file || prev.line !== ln) frames.push({ name, file, line: ln });
    }
    // else: the same PC again, not consecutively — a recursive stack, frames already recorded.
    lastPC = pc;
  }
  flush();
  return named;
}

/** Go's strconv.ParseInt(s, 10, 64): optional sign, decimal digits, int64 range. */
function parseGoInt(s: string): number | null {
  if (/^[0-9]{1,15}$/.test(s)) return Number(s);
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const b = BigInt(s);
  if (b > MAX_I64 || b < -MAX_I64 - 1n) return null;
  return Number(b);
}
