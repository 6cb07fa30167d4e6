import type { ReportConfig } from '../../config/defaults.js';
import { scaledLabel } from '../../measurement/units.js';

/**
 * pprof's Report.formatValue before selectOutputUnit runs (`--traces`, `--tags`, `--list` never
 * call it): values divided by --divide_by, then scaled to --unit — with the default "minimum",
 * every value picks its own unit.
 */
export function plainFormatter(config: ReportConfig, sampleUnit: string): (v: number) => string {
  const ratio = 1 / config.divideBy;
  return (v) => scaledLabel(ratio > 0 && ratio !== 1 ? Math.trunc(v * ratio) : v, sampleUnit, config.unit);
}
