import { percentage } from '../../measurement/units.js';
import { UserError } from '../../errors.js';
import type { ReportInputs } from '../inputs.js';
import { plainFormatter } from './format-value.js';
import { sourceListing } from './source-listing.js';
import { visible, visibleLines } from '../../util/visible-text.js';

/** `go tool pprof -list REGEX`: annotated source of the matching functions. */
export function renderList(inputs: ReportInputs<'view'>): string {
  const v = inputs.view;
  const config = inputs.config;
  const fns = sourceListing(v.profile, config, v.list!, {
    valueIndex: v.valueIndex,
    sourcePath: config.sourcePath,
    trimPath: config.trimPath,
  });
  if (fns.length === 0) throw new UserError(`no matches found for regexp: ${config.list}`);
  const f = plainFormatter(config, v.profile.sampleTypes[v.valueIndex]!.unit);
  const dot = (x: number) => (x === 0 ? '.' : f(x));
  const out = [`Total: ${f(v.total)}`];
  for (const fn of fns) {
    if (fn.routines.length === 0) out.push(`No source information for ${visible(fn.name)}`);
    for (const r of fn.routines) {
      out.push(`ROUTINE ======================== ${visible(r.name)} in ${visible(r.file)}`);
      out.push(`${f(r.flat).padStart(10)} ${f(r.cum).padStart(10)} (flat, cum) ${percentage(r.cum, v.total)} of Total`);
      if (r.error !== undefined) out.push(` Error: ${visible(r.error)}`);
      for (const l of r.lines) out.push(`${dot(l.flat).padStart(10)} ${dot(l.cum).padStart(10)} ${String(l.lineno).padStart(6)}:${visibleLines(l.text)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
