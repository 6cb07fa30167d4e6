/**
 * The HTML page's refine state (pprof's web-UI parameter names, src/config/refine.ts) as the
 * command line's flags and as the page's URL fragment, so that a test can ask both for one view.
 */
// The state's type is the engine's (src/config/refine.ts); its flags below are spelled out again, as a
// test's independent reading of the command line.
import type { RefineState } from '../../src/config/refine.js';
export type { RefineState };

const FLAG: Record<Exclude<keyof RefineState, 'g'>, string> = {
  f: 'focus',
  i: 'ignore',
  h: 'hide',
  s: 'show',
  sf: 'show_from',
  tf: 'tagfocus',
  ti: 'tagignore',
  ts: 'tagshow',
  th: 'taghide',
  si: 'sample_index',
  n: 'nodecount',
};

/** `--focus=…` etc. for the state, in a fixed order. */
export function refineFlags(s: RefineState): string[] {
  const out: string[] = [];
  for (const [k, flag] of Object.entries(FLAG) as [keyof typeof FLAG, string][]) {
    const v = s[k];
    if (v !== undefined) out.push(`--${flag}=${v}`);
  }
  if (s.g !== undefined) out.push(`--${s.g}`);
  return out;
}

/** The URL fragment (without `#`) for a view and state; extra keys (q, p, l) as given. */
export function refineFragment(s: RefineState, extra: Record<string, string> = {}): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries({ ...extra, ...s })) {
    if (v !== undefined) parts.push(`${k}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}

/** A short name for a test title: `f=mysql h=database n=8`. */
export function describeState(s: RefineState): string {
  const d = Object.entries(s)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return d === '' ? '(no refine)' : d;
}

/** Splits a POSIX shell command line into words ('…', "…" with \\ \" \$ \`, and \ outside quotes). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let w: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in ${line}`);
      w = (w ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      w = w ?? '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && '\\"$`'.includes(line[i + 1] ?? '')) i++;
        w += line[i];
      }
      if (i >= line.length) throw new Error(`unclosed " in ${line}`);
    } else if (c === '\\') {
      w = (w ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (w !== null) words.push(w);
      w = null;
    } else {
      w = (w ?? '') + c;
    }
  }
  if (w !== null) words.push(w);
  return words;
}
