import { platform } from '../../util/platform.js';
import {
  Function as PFunction,
  Label,
  Line,
  Location as PLocation,
  Mapping as PMapping,
  Profile as PProfile,
  Sample,
  StringTable,
  ValueType as PValueType,
} from 'pprof-format';
import type { LabelSet, Profile } from '../../model/profile.js';
import { stackOf } from '../../model/profile.js';
import type { ReportInputs } from '../inputs.js';
import { own } from '../../util/dict.js';

/**
 * pprof's `-proto`: the profile as loaded — merged, after --base/--diff_base, filtered — as
 * gzipped profile.proto, for `go tool pprof` or a later run of this tool. Every sample type is
 * kept, and every address and line number whatever the granularity (as `go tool pprof -proto`
 * writes them: checked against Go 1.19's); ids are the model's indices + 1. Values are written as int64:
 * a scaled (--normalize) value is rounded as pprof's Scale rounds it; negative values (diffs) are
 * two's complement varints, which pprof-format's encoder writes from a negative number.
 */
export function renderProto(inputs: ReportInputs<'view'>): Uint8Array {
  return platform().gzip(encodeProfile(inputs.view.profile, 1 / inputs.config.divideBy))!;
}

const int = (v: number): number => (Number.isFinite(v) ? Math.round(v) : 0);

/** profile.proto bytes of `p`; `ratio` ≠ 1 scales every sample value as pprof's printProto does (--divide_by). */
export function encodeProfile(p: Profile, ratio = 1): Uint8Array {
  const st = new StringTable();
  const s = (x: string) => st.dedup(x);
  const nv = p.sampleTypes.length;
  const samples: Sample[] = [];
  // Each label set's labels, made once (their strings enter the table in the same order): samples
  // share few sets, and walking a set's dictionaries (no prototype, see util/dict.ts) is slow.
  const labels: (Label[] | undefined)[] = [];
  const labelsOf = (set: LabelSet): Label[] => {
    const label: Label[] = [];
    for (const [k, vs] of Object.entries(set.str)) for (const v of vs) label.push(new Label({ key: s(k), str: s(v) }));
    for (const [k, vs] of Object.entries(set.num)) {
      vs.forEach((v, n) => {
        const unit = own(set.numUnit, k)?.[n] ?? '';
        label.push(new Label({ key: s(k), num: int(v), numUnit: unit ? s(unit) : 0 }));
      });
    }
    return label;
  };
  for (let i = 0; i < p.samples.count; i++) {
    const value: number[] = [];
    for (let j = 0; j < nv; j++) {
      const v = p.samples.values[i * nv + j]!;
      value.push(ratio === 1 ? int(v) : Math.trunc(v * ratio));
    }
    const si = p.samples.labelSet[i]!;
    const label = (labels[si] ??= labelsOf(p.samples.labelSets[si]!));
    samples.push(new Sample({ locationId: Array.from(stackOf(p, i), (l) => l + 1), value, label }));
  }
  const out = new PProfile({
    sampleType: p.sampleTypes.map((t) => new PValueType({ type: s(t.type), unit: s(t.unit) })),
    sample: samples,
    mapping: p.mappings.map(
      (m, i) =>
        new PMapping({
          id: i + 1,
          memoryStart: m.start,
          memoryLimit: m.limit,
          fileOffset: m.offset,
          filename: s(m.file),
          buildId: s(m.buildId),
          hasFunctions: m.hasFunctions,
          hasFilenames: m.hasFilenames,
          hasLineNumbers: m.hasLineNumbers,
          hasInlineFrames: m.hasInlineFrames,
        }),
    ),
    location: p.locations.map(
      (l, i) =>
        new PLocation({
          id: i + 1,
          mappingId: l.mapping >= 0 ? l.mapping + 1 : 0,
          address: l.address,
          isFolded: l.isFolded,
          line: l.lines.map((ln) => new Line({ functionId: ln.func >= 0 ? ln.func + 1 : 0, line: ln.line, column: ln.column })),
        }),
    ),
    function: p.functions.map(
      (f, i) => new PFunction({ id: i + 1, name: s(f.name), systemName: s(f.systemName), filename: s(f.filename), startLine: f.startLine }),
    ),
    dropFrames: p.dropFrames ? s(p.dropFrames) : 0,
    keepFrames: p.keepFrames ? s(p.keepFrames) : 0,
    timeNanos: p.timeNanos,
    durationNanos: p.durationNanos,
    periodType: p.periodType ? new PValueType({ type: s(p.periodType.type), unit: s(p.periodType.unit) }) : undefined,
    period: int(p.period),
    comment: p.comments.map(s),
    defaultSampleType: p.defaultSampleType ? s(p.defaultSampleType) : 0,
    stringTable: st,
  });
  return out.encode();
}
