import type { ReportConfig } from '../../config/defaults.js';
import { buildGraph, type GNode } from '../../graph/build.js';
import { infoSortKey } from '../../graph/node-info.js';
import { prepare } from '../../graph/prepare.js';
import type { Profile } from '../../model/profile.js';
import { platform, type SourceLines } from '../../util/platform.js';
import type { Matcher } from '../../util/go-regexp.js';

/** One source line of a listed function, with the samples attributed to it. */
export interface ListedLine {
  lineno: number;
  text: string;
  flat: number;
  cum: number;
}

/** One function in one source file, as pprof's `-list` prints it (a "ROUTINE"). */
export interface ListedRoutine {
  name: string;
  /** The file name as recorded in the profile (after --trim_path). */
  file: string;
  flat: number;
  cum: number;
  /** Source lines from the function's start (or 5 before the first sample) to 5 after the last. */
  lines: ListedLine[];
  /** Why the source could not be shown (file not found), else undefined. */
  error?: string;
}

/** A function that matched but whose samples carry no file name. */
export interface ListedFunction {
  name: string;
  routines: ListedRoutine[];
}

export interface ListingOptions {
  valueIndex: number;
  /** Colon-separated folders to search (pprof's default: the current directory). */
  sourcePath?: string;
  trimPath?: string;
}

const MARGIN = 5;

/**
 * pprof's printSource as data: per-line flat/cum of every function whose name matches `rx`, at line
 * granularity (inlined frames count for the function they belong to), with the source text when
 * the file is found. Functions are sorted by name, files by name. For text (`--list`) and HTML.
 */
export function sourceListing(p: Profile, config: ReportConfig, rx: Matcher, o: ListingOptions): ListedFunction[] {
  const sourcePath = o.sourcePath || platform().cwd();
  const prep = prepare(p, {
    valueIndex: o.valueIndex,
    granularity: 'lines',
    noInlines: config.noInlines,
    dropNegative: config.dropNegative,
    tagUnit: config.unit,
    naming: { trimPath: o.trimPath ?? '', sourcePath: o.sourcePath ?? '', objNames: true },
  });
  const g = buildGraph(prep, null, false);
  const byName = new Map<string, GNode[]>();
  for (const n of g.nodes) {
    if (!rx.test(n.info.name)) continue;
    let list = byName.get(n.info.name);
    if (!list) byName.set(n.info.name, (list = []));
    list.push(n);
  }
  const reader = platform().sourceReader(sourcePath, o.trimPath ?? '');
  return [...byName.keys()].sort().map((name) => {
    const byFile = new Map<string, GNode[]>();
    for (const n of byName.get(name)!) {
      if (n.info.file === '') continue;
      let list = byFile.get(n.info.file);
      if (!list) byFile.set(n.info.file, (list = []));
      list.push(n);
    }
    const files = [...byFile.entries()].sort(([fa, a], [fb, b]) =>
      fa !== fb ? (fa < fb ? -1 : 1) : a[0]!.info.startLine - b[0]!.info.startLine || cmp(infoSortKey(a[0]!.info), infoSortKey(b[0]!.info)),
    );
    return { name, routines: files.map(([file, nodes]) => routine(name, file, nodes, reader)) };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** pprof's getSourceFromFile for one function's nodes in one file. */
function routine(name: string, file: string, fns: GNode[], reader: SourceLines): ListedRoutine {
  let flat = 0;
  let cum = 0;
  const perLine = new Map<number, { flat: number; cum: number }>();
  for (const n of fns) {
    flat += n.flat;
    cum += n.cum;
    const l = perLine.get(n.info.lineno) ?? { flat: 0, cum: 0 };
    l.flat += n.flat;
    l.cum += n.cum;
    perLine.set(n.info.lineno, l);
  }
  const first = fns[0]!.info;
  let start = first.startLine !== 0 ? first.startLine : first.lineno - MARGIN;
  let end = first.lineno + MARGIN;
  for (const n of fns) {
    const nodeStart = n.info.startLine !== 0 ? n.info.startLine : n.info.lineno - MARGIN;
    const nodeEnd = n.info.lineno + MARGIN;
    // pprof's `if … else if`: a node that moves the start does not move the end.
    if (nodeStart < start) start = nodeStart;
    else if (nodeEnd > end) end = nodeEnd;
  }
  start = Math.max(start, 1);
  const lines: ListedLine[] = [];
  for (let lineno = start; lineno <= end; lineno++) {
    const text = reader.line(file, lineno);
    if (text === undefined) break;
    const v = perLine.get(lineno);
    lines.push({ lineno, text, flat: v?.flat ?? 0, cum: v?.cum ?? 0 });
  }
  const error = reader.error(file);
  return error !== undefined ? { name, file, flat, cum, lines: [], error } : { name, file, flat, cum, lines };
}
