/**
 * What google/pprof's legacy text parsers share: Go's bufio.Scanner line splitting and the
 * "not this format" signal that makes parseLegacy try the next parser.
 */

/** pprof's errUnrecognized: this parser does not read this input; the next one may. */
export class UnrecognizedFormat extends Error {
  constructor() {
    super('unrecognized profile format');
  }
}

/** pprof's errMalformed. */
export const MALFORMED = 'malformed profile format';

/** bufio.MaxScanTokenSize: a longer line stops Go's Scanner with an error. */
const MAX_LINE = 64 * 1024;

/**
 * bufio.ScanLines over the whole text: lines without `\n` and one trailing `\r`, no empty last
 * line after a final newline.
 */
export function scanLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/** Whether a line is too long for Go's bufio.Scanner ("token too long"). */
export function tooLongLine(lines: string[]): boolean {
  return lines.some((l) => l.length + 1 > MAX_LINE);
}
