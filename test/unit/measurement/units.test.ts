import { describe, expect, it } from 'vitest';
import { goFixed, goG, isKnownUnit, label, percentage, scale, scaledLabel, unitTypeOf } from '../../../src/measurement/units.js';

// google/pprof's internal/measurement: Scale, ScaledLabel, Label, Percentage.
describe('scale (measurement.Scale)', () => {
  it('auto picks the largest unit the value reaches; bytes are binary multiples named kB, MB…', () => {
    expect(scale(1536, 'bytes', 'auto')).toEqual([1.5, 'kB']);
    expect(scale(3 * 2 ** 30, 'bytes', 'minimum')).toEqual([3, 'GB']);
    expect(scale(500, 'bytes', 'auto')).toEqual([500, 'B']);
    expect(scale(90e9, 'nanoseconds', 'auto')).toEqual([90, 's']);
    expect(scale(-2048, 'bytes', 'auto')).toEqual([-2, 'kB']);
  });
  it('an explicit unit of the same type converts; an unknown one falls back to the default unit', () => {
    expect(scale(5, 'ms', 'seconds')).toEqual([0.005, 's']);
    expect(scale(2, 'MB', 'kb')).toEqual([2048, 'kB']);
    expect(scale(1024, 'bytes', 'bogus')).toEqual([1024, 'B']);
  });
  it('units pprof does not know: the value as it is, named after the target unless it is a count', () => {
    expect(scale(7, 'count', 'auto')).toEqual([7, '']);
    expect(scale(7, 'widgets', 'widgets')).toEqual([7, 'widgets']);
    expect(scale(7, '', 'kB')).toEqual([7, 'kB']);
  });
  it('knows the aliases and plurals (a trailing s is dropped past two letters)', () => {
    expect(['kilobytes', 'MBytes', 'second', 'hours', 'μs', 'GCU'].every(isKnownUnit)).toBe(true);
    expect(['MiB', 'count', 'objects'].some(isKnownUnit)).toBe(false);
    expect(['bytes', 'ns', 'milligcu', 'count'].map(unitTypeOf)).toEqual([0, 1, 2, -1]);
  });
});

describe('labels (measurement.ScaledLabel / Label)', () => {
  it('two decimals, ".00" left out, zero is "0"', () => {
    expect(label(1536, 'bytes')).toBe('1.50kB');
    expect(label(1024, 'bytes')).toBe('1kB');
    expect(label(0, 'bytes')).toBe('0');
    expect(label(-0.001, 'bytes')).toBe('0'); // "-0.00" → "0"
    expect(label(1234, 'count')).toBe('1234');
    expect(scaledLabel(1536, 'bytes', 'B')).toBe('1536B');
  });
});

describe("Go's number formatting", () => {
  it("%.2f rounds exact ties half to even (JavaScript's toFixed rounds them up)", () => {
    expect([0.125, 0.375, -0.125, 2.675].map((v) => goFixed(v))).toEqual(['0.12', '0.38', '-0.12', '2.67']); // 2.675 is no exact tie in binary
    expect(goFixed(66.25, 1)).toBe('66.2');
  });
  it('%.2g: shortest of %e and %f, trailing zeros removed', () => {
    expect([0.0123, 0.1, 0.00001234, 123, 0].map((v) => goG(v, 2))).toEqual(['0.012', '0.1', '1.2e-05', '1.2e+02', '0']);
  });
});

describe('percentage (measurement.Percentage)', () => {
  it("six characters: %5.2f at 1% and up, %5.2g below, '  100%' around 100", () => {
    expect(percentage(1, 3)).toBe('33.33%');
    expect(percentage(1, 1000)).toBe('  0.1%');
    expect(percentage(9996, 10000)).toBe('  100%');
    expect(percentage(-1, 4)).toBe('25.00%');
    expect(percentage(5, 0)).toBe('    0%');
  });
});
