/**
 * Units, scaling and number formatting exactly as google/pprof's `measurement` package prints them
 * (binary byte multiples named kB/MB/GB, `%.2f` with Go's round-half-even, `%5.2g` percentages).
 */

interface Unit {
  name: string;
  aliases: string[];
  factor: number;
}
interface UnitType {
  defaultUnit: Unit;
  units: Unit[];
}

const NS = 1;
const UNIT_TYPES: UnitType[] = [
  {
    units: [
      { name: 'B', aliases: ['b', 'byte'], factor: 1 },
      { name: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
      { name: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
      { name: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
      { name: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
      { name: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
    ],
    defaultUnit: { name: 'B', aliases: ['b', 'byte'], factor: 1 },
  },
  {
    units: [
      { name: 'ns', aliases: ['ns', 'nanosecond'], factor: NS },
      { name: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
      { name: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
      { name: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 },
      { name: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
    ],
    defaultUnit: { name: 's', aliases: [], factor: 1e9 },
  },
  {
    units: [
      { name: 'n*GCU', aliases: ['nanogcu'], factor: 1e-9 },
      { name: 'u*GCU', aliases: ['microgcu'], factor: 1e-6 },
      { name: 'm*GCU', aliases: ['milligcu'], factor: 1e-3 },
      { name: 'GCU', aliases: ['gcu'], factor: 1 },
      { name: 'k*GCU', aliases: ['kilogcu'], factor: 1e3 },
      { name: 'M*GCU', aliases: ['megagcu'], factor: 1e6 },
      { name: 'G*GCU', aliases: ['gigagcu'], factor: 1e9 },
      { name: 'T*GCU', aliases: ['teragcu'], factor: 1e12 },
      { name: 'P*GCU', aliases: ['petagcu'], factor: 1e15 },
    ],
    defaultUnit: { name: 'GCU', aliases: [], factor: 1 },
  },
];

function sniffUnit(ut: UnitType, unit: string): Unit | undefined {
  let u = unit.toLowerCase();
  if (u.length > 2 && u.endsWith('s')) u = u.slice(0, -1);
  return ut.units.find((x) => x.aliases.includes(u));
}

/** True when pprof knows `unit` (any alias of any unit type). */
export function isKnownUnit(unit: string): boolean {
  return UNIT_TYPES.some((ut) => sniffUnit(ut, unit) !== undefined);
}

function autoScale(ut: UnitType, value: number): [number, string] | undefined {
  let f = 0;
  let name = '';
  for (const u of ut.units) {
    if (u.factor >= f && value / u.factor >= 1) {
      f = u.factor;
      name = u.name;
    }
  }
  return f === 0 ? undefined : [value / f, name];
}

/** pprof's measurement.Scale: value in `fromUnit` expressed in `toUnit` ("minimum"/"auto" pick one). */
export function scale(value: number, fromUnit: string, toUnit: string): [number, string] {
  if (value < 0) {
    const [v, u] = scale(-value, fromUnit, toUnit);
    return [-v, u];
  }
  for (const ut of UNIT_TYPES) {
    const from = sniffUnit(ut, fromUnit);
    if (!from) continue;
    const v = value * from.factor;
    if (toUnit === 'minimum' || toUnit === 'auto') {
      return autoScale(ut, v) ?? [v / ut.defaultUnit.factor, ut.defaultUnit.name];
    }
    const to = sniffUnit(ut, toUnit);
    if (!to) return [v / ut.defaultUnit.factor, ut.defaultUnit.name];
    return [v / to.factor, to.name];
  }
  switch (toUnit) {
    case 'count':
    case 'sample':
    case 'unit':
    case 'minimum':
    case 'auto':
      return [value, ''];
    default:
      return [value, toUnit];
  }
}

/**
 * Go's `%.2f`. JS toFixed rounds exact ties away from zero; Go rounds them half to even. A double
 * is an exact tie at two decimals only when it is an odd multiple of 1/8, so only those need care.
 */
export function goFixed(v: number, digits = 2): string {
  const a = Math.abs(v);
  if (digits === 2 && Number.isInteger(a * 8) && !Number.isInteger(a * 4) && a < 2 ** 49) {
    const lo = Math.floor(a * 100); // exact: a*100 = lo + 0.5
    const n = lo % 2 === 0 ? lo : lo + 1;
    const str = String(n).padStart(3, '0');
    return `${v < 0 ? '-' : ''}${str.slice(0, -2)}.${str.slice(-2)}`;
  }
  // One decimal: the exact ties are the odd multiples of 1/4 (66.25 → Go "66.2", JS "66.3").
  if (digits === 1 && Number.isInteger(a * 4) && !Number.isInteger(a * 2) && a < 2 ** 49) {
    const lo = Math.floor(a * 10); // exact: a*10 = lo + 0.5
    const n = lo % 2 === 0 ? lo : lo + 1;
    return `${v < 0 ? '-' : ''}${Math.floor(n / 10)}.${n % 10}`;
  }
  return v.toFixed(digits);
}

/** Go's `%.<p>g` (shortest of %e/%f at p significant digits, trailing zeros removed). */
export function goG(v: number, p: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  const e = v.toExponential(p - 1); // d.ddde±x
  const [mant, expStr] = e.split('e') as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= p) {
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    const sign = exp < 0 ? '-' : '+';
    return `${m}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const f = v.toFixed(Math.max(0, p - 1 - exp));
  return f.includes('.') ? f.replace(/0+$/, '').replace(/\.$/, '') : f;
}

/** pprof's measurement.ScaledLabel. */
export function scaledLabel(value: number, fromUnit: string, toUnit: string): string {
  const [v, u] = scale(value, fromUnit, toUnit);
  let sv = goFixed(v, 2);
  if (sv.endsWith('.00')) sv = sv.slice(0, -3);
  if (sv === '0' || sv === '-0') return '0';
  return sv + u;
}

/** pprof's measurement.Label: auto-scaled. */
export function label(value: number, unit: string): string {
  return scaledLabel(value, unit, 'auto');
}

/** pprof's measurement.Percentage: always 6 characters wide for |ratio| < 100%. */
export function percentage(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio >= 1.0) return `${goFixed(ratio, 2).padStart(5)}%`;
  return `${goG(ratio, 2).padStart(5)}%`;
}
