import { Function as PbFunction, Line, Location, Profile, Sample, StringTable, ValueType } from 'pprof-format';

/**
 * Regexp bombs: inputs on which a backtracking engine takes exponential time. `(a+)+` and
 * `(a+)+$` against a run of a's that ends in a character they cannot match.
 */
export const BOMB_PATTERN = '(a+)+';
export const BOMB_FOCUS = '(a+)+$';

/** A name of `as` a's and one '!' (the 29-character name is bombName(28)). */
export const bombName = (as: number): string => `${'a'.repeat(as)}!`;

/**
 * A tiny raw (not gzipped) heap profile: main.main calls the function `leaf`, which holds 1 MB;
 * drop_frames is `dropFrames` when given. With `(a+)+` and a 28-a name it is 181 bytes.
 */
export function bombProfile(leaf: string, dropFrames = ''): Uint8Array {
  const st = new StringTable();
  const s = (x: string) => st.dedup(x);
  const fns = ['main.main', leaf].map((name, i) => new PbFunction({ id: i + 1, name: s(name), filename: s('main.go') }));
  const locs = fns.map((f, i) => new Location({ id: i + 1, line: [new Line({ functionId: f.id, line: 10 + i })] }));
  return new Profile({
    sampleType: [new ValueType({ type: s('inuse_objects'), unit: s('count') }), new ValueType({ type: s('inuse_space'), unit: s('bytes') })],
    sample: [new Sample({ locationId: [2, 1], value: [1, 1_000_000] })],
    location: locs,
    function: fns,
    stringTable: st,
    dropFrames: dropFrames === '' ? 0 : s(dropFrames),
    periodType: new ValueType({ type: s('space'), unit: s('bytes') }),
    period: 524288,
  }).encode();
}
