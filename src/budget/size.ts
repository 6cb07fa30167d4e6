import { UsageError } from '../errors.js';

/**
 * Human sizes for budgets and limits, in the units gen-report and `go tool pprof` print.
 *
 * pprof prints bytes with binary multiples named `kB`, `MB`, `GB` (1 MB = 1024 × 1024 B), so a size
 * copied from a report means what the report meant: here `kB`, `KB`, `K`, `KiB` are all 1024 B,
 * `MB`, `M`, `MiB` 1024² B, and so on up to `PB`/`PiB`. There is no decimal (1000-based) form.
 * A bare number is in the sample type's own unit (bytes, or a count of objects).
 */
const MULTIPLES: [RegExp, number][] = [
  [/^(b|byte|bytes)?$/i, 1],
  [/^(k|kb|kib)$/i, 2 ** 10],
  [/^(m|mb|mib)$/i, 2 ** 20],
  [/^(g|gb|gib)$/i, 2 ** 30],
  [/^(t|tb|tib)$/i, 2 ** 40],
  [/^(p|pb|pib)$/i, 2 ** 50],
];

export interface ParsedAmount {
  value: number;
  /** `bytes` when a byte unit was written (`64MiB`, `300kB`, `12B`), `plain` for a bare number. */
  kind: 'bytes' | 'plain' | 'percent';
}

const NUMBER = '([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)';

/** Parses `64MiB`, `1.5GB`, `300kB`, `1024`, and with `percent` also `10%`. */
export function parseAmount(what: string, text: string, opts: { percent?: boolean } = {}): ParsedAmount {
  const m = new RegExp(`^\\s*${NUMBER}\\s*([a-zA-Z%]*)\\s*$`).exec(text);
  const hint = `e.g. 64MiB, 1.5GB, 300kB, 1024${opts.percent ? ', 10%' : ''}`;
  if (!m) throw new UsageError(`invalid size ${JSON.stringify(text)} for ${what} (${hint})`);
  const n = Number(m[1]);
  const suffix = m[2]!;
  if (suffix === '%') {
    if (!opts.percent) throw new UsageError(`${what} takes a size or a count, not a percentage: ${JSON.stringify(text)}`);
    return { value: n / 100, kind: 'percent' };
  }
  if (suffix === '') return { value: n, kind: 'plain' };
  const mult = MULTIPLES.find(([re]) => re.test(suffix))?.[1];
  if (mult === undefined) throw new UsageError(`invalid size ${JSON.stringify(text)} for ${what}: unknown unit ${JSON.stringify(suffix)} (${hint})`);
  return { value: Math.round(n * mult), kind: 'bytes' };
}

/** A size in bytes (bare numbers are bytes too): `--max-inflate 1GiB`. */
export function parseSize(name: string, text: string): number {
  return parseAmount(`--${name}`, text).value;
}
