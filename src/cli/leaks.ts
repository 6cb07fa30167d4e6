import { analyzeLeaks, orderSeries, type LeakReport } from '../compare/leaks.js';
import type { RenderOptions, ReportConfig } from '../config/defaults.js';
import type { Profile } from '../model/profile.js';
import { createContext, type RenderContext } from '../report/context.js';

/**
 * `--leaks`: the render context of the series' last snapshot (so an HTML report can show its call
 * graph), carrying the leak ranking of the whole series in `ctx.leaks`.
 */
export function leaksContext(profiles: Profile[], names: string[], config: ReportConfig, stem: string, warn?: (msg: string) => void, render?: RenderOptions): RenderContext {
  const { order } = orderSeries(profiles, names);
  const last = profiles[order[order.length - 1]!]!;
  const ctx = createContext(last, config, stem, warn, render);
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
