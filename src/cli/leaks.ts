import { analyzeLeaks, orderSeries, type LeakReport } from '../compare/leaks.js';
import { DEFAULTS, type RenderOptions, type ReportConfig } from '../config/defaults.js';
import type { Profile } from '../model/profile.js';
import { createContext, type RenderContext } from '../report/context.js';
import { stemOf } from './sources.js';

/**
 * `--leaks`: the render context of the series' last snapshot (so an HTML report can show its call
 * graph; output files are named after it), carrying the leak ranking of the series in `ctx.leaks`.
 */
export function leaksContext(profiles: Profile[], names: string[], config: ReportConfig, warn?: (msg: string) => void, render?: RenderOptions): RenderContext {
  const { order } = orderSeries(profiles, names);
  const lastIndex = order[order.length - 1]!;
  const last = profiles[lastIndex]!;
  // Files are named after the last snapshot: the graph formats show it.
  const ctx = createContext(last, config, stemOf(names[lastIndex]!, DEFAULTS.stdinStem), warn, render);
  let report: LeakReport | undefined;
  ctx.leaks = () => {
    if (!report) {
      report = analyzeLeaks(profiles, names, config.sampleIndex);
      if (report.sampleType.type.startsWith('alloc_')) {
        warn?.(`--leaks on ${report.sampleType.type}: allocation totals only ever grow; leaks show in inuse_space/inuse_objects`);
      }
    }
    return report;
  };
  return ctx;
}
