import { percentage } from '../../measurement/units.js';
import { reportLabels, type Analysis } from '../../graph/analysis.js';
import { visible } from '../../util/visible-text.js';

/** One row of the top table. */
export interface TextItem {
  name: string;
  /** "(inline)", "(partial-inline)" or "". */
  inlineLabel: string;
  flat: number;
  cum: number;
  flatFormat: string;
  cumFormat: string;
}

/** pprof's TextItems: the rows of `-text`, in graph order. */
export function textItems(a: Analysis): TextItem[] {
  return a.graph.nodes.map((n) => {
    let inline = false;
    let noinline = false;
    for (const e of n.in.values()) {
      if (e.inline) inline = true;
      else noinline = true;
    }
    const inlineLabel = inline ? (noinline ? '(partial-inline)' : '(inline)') : '';
    return {
      name: n.name,
      inlineLabel,
      flat: n.flat,
      cum: n.cum,
      flatFormat: a.formatValue(n.flat),
      cumFormat: a.formatValue(n.cum),
    };
  });
}

/** `go tool pprof -text`: header lines, then the flat/cum table. */
export function renderText(a: Analysis): string {
  const lines = [reportLabels(a, false).map(visible).join('\n')];
  lines.push(`${'flat'.padStart(10)} ${'flat'.padStart(5)}% ${'sum'.padStart(5)}% ${'cum'.padStart(10)} ${'cum'.padStart(5)}%`);
  let flatSum = 0;
  for (const item of textItems(a)) {
    flatSum += item.flat;
    const inl = item.inlineLabel ? ` ${item.inlineLabel}` : '';
    lines.push(
      `${item.flatFormat.padStart(10)} ${percentage(item.flat, a.total)} ${percentage(flatSum, a.total)} ${item.cumFormat.padStart(10)} ${percentage(item.cum, a.total)}  ${visible(item.name)}${inl}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
