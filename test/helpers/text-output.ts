/**
 * A reader of `gen-report --text` stdout, for tests that compare another rendering of the same
 * report (the HTML page's refined views) with the command line's.
 */
export interface TextOutput {
  /** File:, Build ID:, Type:, Time:, Duration:, comments… — the profile's own lines, as printed. */
  profileLines: string[];
  /** The indented lines under "Active filters:" (e.g. `focus=mysql`), trimmed. */
  filters: string[];
  /** pprof's header lines: "Showing nodes accounting for …", "Dropped … nodes (cum <= …)", "Showing top … nodes out of …". */
  labels: string[];
  /** "Active filters:" and its indented lines, as printed (empty without filters). */
  filterLines: string[];
  /** The table: flat, flat%, sum%, cum, cum%, name (with " (inline)" when --text prints it). */
  rows: string[][];
}

const HEADING = /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%\s*$/;
// `s`: a name may hold U+2028, which `.` does not match otherwise.
const ROW = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s\s(.*)$/s;

/** Parses --text stdout; throws (naming the text) when it is not a --text report. */
export function parseTextOutput(stdout: string): TextOutput {
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const head = lines.findIndex((l) => HEADING.test(l));
  if (head < 0) throw new Error(`not --text output (no "flat flat% sum% cum cum%" heading):\n${stdout}`);
  const out: TextOutput = { profileLines: [], filters: [], labels: [], filterLines: [], rows: [] };
  let inFilters = false;
  for (const l of lines.slice(0, head)) {
    if (l === 'Active filters:') {
      inFilters = true;
      out.filterLines.push(l);
    } else if (inFilters && /^\s/.test(l)) {
      out.filters.push(l.trim());
      out.filterLines.push(l);
    } else if (/^(Showing nodes accounting for |Dropped \d+ nodes |Showing top \d+ nodes out of )/.test(l)) {
      inFilters = false;
      out.labels.push(l);
    } else {
      inFilters = false;
      out.profileLines.push(l);
    }
  }
  for (const l of lines.slice(head + 1)) {
    if (l.trim() === '') continue;
    const m = ROW.exec(l);
    if (!m) throw new Error(`not a --text row: ${JSON.stringify(l)}`);
    out.rows.push([m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!]);
  }
  return out;
}
