import { UserError } from '../../errors.js';
import { sortEdges } from '../../graph/sort.js';
import { percentage } from '../../measurement/units.js';
import { reportLabels, type Analysis } from '../../graph/analysis.js';
import type { Matcher } from '../../util/go-regexp.js';
import { visible } from '../../util/visible-text.js';

const SEPARATOR = '----------------------------------------------------------+-------------';
const LEGEND = '      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ';

/**
 * `go tool pprof -tree` (every node with its callers above and callees below, edge weights as a
 * share of the node's cum) and `-peek REGEX` (only the nodes whose name matches, untrimmed).
 */
export function renderTree(a: Analysis, rx: Matcher | null = null): string {
  const lines = [reportLabels(a, false).map(visible).join('\n'), SEPARATOR, LEGEND];
  const f = a.formatValue;
  let flatSum = 0;
  let matched = 0;
  for (const n of a.graph.nodes) {
    if (rx && !rx.test(n.name)) continue;
    matched++;
    lines.push(SEPARATOR);
    for (const e of sortEdges(n.in.values())) {
      lines.push(`${f(e.weight).padStart(50)} ${percentage(e.weight, n.cum)} |   ${visible(e.src.name)}${e.inline ? ' (inline)' : ''}`);
    }
    flatSum += n.flat;
    lines.push(
      `${f(n.flat).padStart(10)} ${percentage(n.flat, a.total)} ${percentage(flatSum, a.total)} ${f(n.cum).padStart(10)} ${percentage(n.cum, a.total)}                | ${visible(n.name)}`,
    );
    for (const e of sortEdges(n.out.values())) {
      lines.push(`${f(e.weight).padStart(50)} ${percentage(e.weight, n.cum)} |   ${visible(e.dest.name)}${e.inline ? ' (inline)' : ''}`);
    }
  }
  if (a.graph.nodes.length > 0) lines.push(SEPARATOR);
  // pprof prints nothing then, only the error (exit status 1 there, 2 here: a usage error).
  if (rx && matched === 0) throw new UserError(`no matches found for regexp: ${a.config.peek || rx.source}`);
  return `${lines.join('\n')}\n`;
}
