import { UsageError } from '../errors.js';
import { own } from '../util/dict.js';

/**
 * Command-line words parseArgs would refuse with Node's own text, answered in our words first:
 * pprof flags this tool does not have (with what to use instead), a close misspelling of a known
 * option ("did you mean --nodecount?"), and an option whose value is missing.
 */

/** pprof's flags that have no counterpart here: one line saying what to use instead. */
export const PPROF_ANSWERS: Record<string, string> = {
  pdf: 'no PDF output: use --svg (any browser prints it to PDF) or --png',
  ps: 'no PostScript output: use --svg or --png',
  eps: 'no EPS output: use --svg or --png',
  gif: 'no GIF output: use --png',
  weblist: 'no --weblist: use --list REGEX (annotated source as text) or --html',
  disasm: 'no disassembly (it needs the program binary): use --list REGEX, or go tool pprof -disasm',
  symbolize: 'profiles are read as they are: Go and Node profiles carry their function names, there is nothing to symbolize',
  kcachegrind: 'no viewer is started: write --callgrind (<stem>.callgraph.out) and open it in KCachegrind',
  topproto: 'no --topproto: use --proto (the whole filtered profile) or --json (the top table)',
  comments: 'no --comments: the comments are in --raw and --json',
  tools: 'no --tools: gen-report runs no external binutils',
  buildid: 'no --buildid: program binaries are not read',
  add_comment: 'no --add_comment: profiles are never rewritten',
  mean: 'no --mean: use --divide_by N',
  tagroot: 'no --tagroot: use --tagfocus / --tags to look at labels',
  tagleaf: 'no --tagleaf: use --tagfocus / --tags to look at labels',
  intel_syntax: 'no disassembly, so no --intel_syntax',
  tls_cert: 'no client certificates: fetch the profile with curl and pass the file',
  tls_key: 'no client certificates: fetch the profile with curl and pass the file',
  tls_ca: 'no custom CA: fetch the profile with curl and pass the file (or set NODE_EXTRA_CA_CERTS)',
};

/** Levenshtein distance, bounded: enough for flag names. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The known option closest to `name` (within a third of its length, at least 2 edits), or null. */
export function closest(name: string, known: string[]): string | null {
  const n = name.replace(/-/g, '_');
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(n, k.replace(/-/g, '_'));
    if (d < bestD || (d === bestD && best !== null && k < best)) {
      best = k;
      bestD = d;
    }
  }
  const limit = Math.max(2, Math.floor(n.length / 3));
  return bestD <= limit ? best : null;
}

export interface FlagSpec {
  type: 'boolean' | 'string';
  short?: string;
  arg?: string;
}

/**
 * Checks normalized argv (every long option as `--name` or `--name=value`) against `specs`
 * before parseArgs sees it; throws a UsageError in our words.
 */
export function checkFlags(args: string[], specs: Record<string, FlagSpec>): void {
  const known = Object.keys(specs);
  const shorts = new Map(Object.entries(specs).filter(([, s]) => s.short).map(([n, s]) => [`-${s.short}`, n]));
  const isOption = (a: string | undefined) =>
    a !== undefined && (a.startsWith('--') ? a.length > 2 : shorts.has(a));
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return;
    let name: string | undefined;
    let inline = false;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = a.slice(2, eq < 0 ? undefined : eq);
      inline = eq >= 0;
    } else if (shorts.has(a)) name = shorts.get(a);
    else continue;
    if (name === undefined) continue;
    const spec = specs[name] ?? (name.startsWith('no-') && specs[name.slice(3)]?.type === 'boolean' ? specs[name.slice(3)] : undefined);
    if (!spec) {
      const bare = name.replace(/^no-/, '');
      const pprof = own(PPROF_ANSWERS, bare) ?? own(PPROF_ANSWERS, bare.replace(/-/g, '_'));
      if (pprof) throw new UsageError(`--${bare} is a go tool pprof option gen-report does not have: ${pprof}`);
      const near = closest(name, known);
      throw new UsageError(`unknown option --${name}${near ? `: did you mean --${near}?` : ' (see --help)'}`);
    }
    if (spec.type === 'string' && !inline) {
      const next = args[i + 1];
      if (next === undefined || isOption(next)) {
        const what = spec.arg ? ` ${spec.arg.startsWith('[=') ? spec.arg.slice(2, -1) : spec.arg}` : ' a value';
        throw new UsageError(`--${name} needs a value: --${name}${what}`);
      }
      i++;
    }
  }
}
