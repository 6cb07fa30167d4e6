/**
 * Go's text/tabwriter with padchar ' ' (pprof's `-tags` uses it): cells are tab-terminated, the
 * last cell of a line is not aligned, and a column block is a run of consecutive lines that have a
 * cell in that column; its width is the widest cell + padding (at least minWidth).
 */
export interface TabOptions {
  minWidth: number;
  padding: number;
  alignRight: boolean;
}

export function tabwrite(text: string, o: TabOptions): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const width = (s: string) => [...s].length;
  const out: string[] = [];
  const widths: number[] = [];
  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let s = '';
      lines[i]!.forEach((cell, j) => {
        const pad = j < widths.length ? ' '.repeat(Math.max(0, widths[j]! - width(cell))) : '';
        s += o.alignRight ? pad + cell : cell + pad;
      });
      out.push(s);
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = o.minWidth;
      for (; t < line1; t++) {
        const line = lines[t]!;
        if (column >= line.length - 1) break;
        w = Math.max(w, width(line[column]!) + o.padding);
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--; // the outer loop's t++ must look at line t again
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join('\n');
}
