import { orderSeries } from '../compare/leaks.js';
import { DEFAULTS, type RenderOptions, type ReportConfig } from '../config/defaults.js';
import type { Profile } from '../model/profile.js';
import { reportSource, type ReportSource } from '../report/inputs.js';
import { stemOf } from './sources.js';

/**
 * `--leaks`: the report source of the series' last snapshot (so an HTML report can show its call
 * graph; output files are named after it), with the series, whose leak ranking is the `leaks` input.
 */
export function leaksSource(profiles: Profile[], names: string[], config: ReportConfig, render?: RenderOptions): ReportSource {
  const { order } = orderSeries(profiles, names);
  const lastIndex = order[order.length - 1]!;
  const last = profiles[lastIndex]!;
  // Files are named after the last snapshot: the graph formats show it.
  return reportSource(last, config, stemOf(names[lastIndex]!, DEFAULTS.stdinStem), render, { profiles, names });
}
