import type { Granularity } from '../config/defaults.js';
import type { Profile } from '../model/profile.js';
import { cleanPath, baseName } from '../util/paths.js';
import { trimSourcePath } from '../util/trim-path.js';

/** How file and binary names enter node infos (pprof's report.newGraph and graph.Options). */
export interface NodeNaming {
  /** --trim_path and --source_path: file names go through pprof's trimPath first. */
  trimPath?: string;
  sourcePath?: string;
  /** Keep the binary name and start line on every node (pprof's ObjNames, for --list). */
  objNames?: boolean;
}

// Defined with the options (config imports nothing from graph/); its users find it here too.
export type { Granularity };

/** What identifies a graph node: pprof's NodeInfo after aggregation to a granularity. */
export interface NodeInfo {
  name: string;
  origName: string;
  address: number;
  file: string;
  startLine: number;
  lineno: number;
  objfile: string;
}

/** pprof's NodeInfo.NameComponents. */
export function nameComponents(i: NodeInfo): string[] {
  const out: string[] = [];
  if (i.address !== 0) out.push(i.address.toString(16).padStart(16, '0'));
  if (i.name !== '') out.push(i.name);
  if (i.lineno !== 0) out.push(`${i.file}:${i.lineno}`);
  else if (i.file !== '') out.push(i.file);
  else if (i.name !== '') {
    /* the function name is already there */
  } else if (i.objfile !== '') out.push(`[${baseName(i.objfile)}]`);
  else out.push('<unknown>');
  return out;
}

export function printableName(i: NodeInfo): string {
  return nameComponents(i).join(' ');
}

/** Go's fmt.Sprint(NodeInfo) — pprof's last-resort tie breaker between nodes. */
export function infoSortKey(i: NodeInfo): string {
  return `{${i.name} ${i.origName} ${i.address} ${i.file} ${i.startLine} ${i.lineno} ${i.objfile}}`;
}

/** Location → node mapping for one granularity: the nodes of location l are `locNodes[locStart[l] .. locStart[l+1])`, innermost first. */
export interface NodeIndex {
  infos: NodeInfo[];
  names: string[];
  locStart: Uint32Array;
  locNodes: Uint32Array;
  /** The node of location l when it has exactly one (no inlined calls: most), else -1. */
  locSingle: Int32Array;
}

/**
 * Interns one NodeInfo per (location, line) as pprof's Aggregate + CreateNodes do for a granularity:
 * a location with several lines (inlined calls) gives several nodes; `noInlines` keeps only the
 * outermost line.
 */
export function indexNodes(p: Profile, granularity: Granularity, noInlines: boolean, naming: NodeNaming = {}): NodeIndex {
  const inlines = !noInlines;
  let fn = false;
  let file = false;
  let line = false;
  let addr = false;
  switch (granularity) {
    case 'addresses':
      // pprof aggregates nothing here with inlines, and by all four without: the same nodes.
      fn = file = line = addr = true;
      break;
    case 'lines':
      fn = file = line = true;
      break;
    case 'files':
      file = true;
      break;
    case 'functions':
      fn = true;
      break;
    case 'filefunctions':
      fn = file = true;
      break;
  }
  const keys = new Map<string, number>();
  const infos: NodeInfo[] = [];
  const locStart = new Uint32Array(p.locations.length + 1);
  const ids: number[] = [];
  const cleaned = new Map<string, string>();
  const clean = (f: string): string => {
    let c = cleaned.get(f);
    if (c === undefined) {
      c = f === '' ? '' : trimSourcePath(f, naming.trimPath ?? '', naming.sourcePath ?? '');
      cleaned.set(f, (c = c === '' ? '' : cleanPath(c)));
    }
    return c;
  };
  for (let l = 0; l < p.locations.length; l++) {
    locStart[l] = ids.length;
    const loc = p.locations[l]!;
    const objfile = loc.mapping >= 0 ? p.mappings[loc.mapping]!.file : '';
    const address = addr ? loc.address : 0;
    let lines = loc.lines;
    if (!inlines && lines.length > 1) lines = lines.slice(lines.length - 1);
    const n = Math.max(1, lines.length);
    for (let k = 0; k < n; k++) {
      const ln = lines[k];
      let info: NodeInfo;
      if (!ln || ln.func < 0) {
        info = { name: '', origName: '', address, file: '', startLine: 0, lineno: 0, objfile };
      } else {
        const f = p.functions[ln.func]!;
        const name = fn ? f.name : '';
        info = {
          name,
          origName: '',
          address,
          file: file ? clean(f.filename) : '',
          startLine: 0,
          lineno: line ? ln.line : 0,
          objfile: '',
        };
        if (name === '' || naming.objNames) {
          info.objfile = objfile;
          info.startLine = f.startLine;
        }
      }
      const key = `${info.name}\0${info.address}\0${info.file}\0${info.startLine}\0${info.lineno}\0${info.objfile}`;
      let id = keys.get(key);
      if (id === undefined) {
        id = infos.length;
        infos.push(info);
        keys.set(key, id);
      }
      ids.push(id);
    }
  }
  locStart[p.locations.length] = ids.length;
  const locSingle = new Int32Array(p.locations.length);
  for (let l = 0; l < p.locations.length; l++) locSingle[l] = locStart[l + 1]! - locStart[l]! === 1 ? ids[locStart[l]!]! : -1;
  return { infos, names: infos.map(printableName), locStart, locNodes: Uint32Array.from(ids), locSingle };
}
