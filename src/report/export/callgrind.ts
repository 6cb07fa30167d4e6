import type { GNode } from '../../graph/build.js';
import { prepare } from '../../graph/prepare.js';
import { sortEdges } from '../../graph/sort.js';
import { scale } from '../../measurement/units.js';
import { analyze } from '../../graph/analysis.js';
import type { ReportInputs } from '../inputs.js';

/**
 * pprof's `-callgrind` (report.printCallgrind), for KCachegrind and `callgrind_annotate`: the whole
 * graph (no trimming) at address granularity with inlined frames and binary names, as pprof's
 * applyCommandOverrides sets for it; values in one integer unit (pprof's selectOutputUnit without
 * its ×100 step, since callgrind costs are integers); files, functions and binaries compressed to
 * `(N)` after their first mention; addresses relative to the previous node's when shorter.
 */
export function renderCallgrind(inputs: ReportInputs<'view'>): string {
  const v = inputs.view;
  const config = { ...inputs.config, granularity: 'addresses' as const, noInlines: false, nodeCount: 0, nodeFraction: 0, edgeFraction: 0, trim: false };
  const prepared = prepare(v.profile, {
    valueIndex: v.valueIndex,
    granularity: 'addresses',
    noInlines: false,
    dropNegative: config.dropNegative,
    tagUnit: config.unit,
    naming: { trimPath: config.trimPath, sourcePath: config.sourcePath, objNames: true },
  });
  const a = analyze(v.profile, config, 'table', { prepared, total: v.total, activeFilters: v.activeFilters });
  const nodes = a.graph.nodes;
  const sampleUnit = a.sampleType.unit;
  const ratio = 1 / config.divideBy;
  const unit = outputUnit(nodes, config.unit, sampleUnit, v.total, ratio);
  const int = (x: number) => Math.trunc(scale(ratio !== 1 ? x * ratio : x, sampleUnit, unit)[0]);
  const names = disambiguated(nodes);

  const out = ['positions: instr line', `events: ${lineSafe(a.sampleType.type)}(${lineSafe(unit)})`];
  const objfiles = new Map<string, number>();
  const files = new Map<string, number>();
  const fns = new Map<string, number>();
  let prev: GNode['info'] | null = null;
  for (const n of nodes) {
    const i = n.info;
    if (prev === null || i.objfile !== prev.objfile || i.file !== prev.file || i.name !== prev.name) {
      out.push('', `ob=${compress(objfiles, i.objfile)}`, `fl=${compress(files, i.file)}`, `fn=${compress(fns, i.name)}`);
    }
    out.push(`${address(prev, i.address)} ${i.lineno} ${int(n.flat)}`);
    for (const e of sortEdges(n.out.values())) {
      const callee = e.dest;
      out.push(`cfl=${compress(files, callee.info.file)}`, `cfn=${compress(fns, names.get(callee)!)}`);
      out.push(`calls=0 ${address(prev, callee.info.address)} ${callee.info.lineno}`, `* * ${int(e.weight)}`);
    }
    prev = i;
  }
  return `${out.join('\n')}\n`;
}

/**
 * A profile's name as one callgrind line: a line break in a name would start a line of the
 * name's choosing (`fn=…`, `calls=…`, costs), so C0 controls (CR and LF among them), DEL, C1
 * controls and the bidi overrides become U+FFFD, as in DOT (dot-safe.ts); the file can also go
 * to a terminal (`-o -`). Other names are written as pprof writes them.
 */
function lineSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

/** pprof's callgrindName: `(N) name` the first time, `(N)` after. */
function compress(seen: Map<string, number>, name: string): string {
  if (name === '') return '';
  const id = seen.get(name);
  if (id !== undefined) return `(${id})`;
  seen.set(name, seen.size + 1);
  return `(${seen.size}) ${lineSafe(name)}`;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** pprof's callgrindAddress: `*` for the same address, `+N`/`-N` when shorter than the absolute one. */
function address(prev: GNode['info'] | null, curr: number): string {
  const abs = hex(curr);
  if (prev === null) return abs;
  if (prev.address === curr) return '*';
  const diff = curr - prev.address;
  const rel = diff >= 0 ? `+${diff}` : String(diff);
  return rel.length < abs.length ? rel : abs;
}

/** pprof's getDisambiguatedNames: ` [i/n]` when one file and name stand for several functions. */
function disambiguated(nodes: GNode[]): Map<GNode, string> {
  const fnKey = (n: GNode) => `${n.info.name}\0${n.info.origName}\0${n.info.file}\0${n.info.startLine}\0${n.info.objfile}`;
  const index = new Map<string, Map<string, number>>();
  for (const n of nodes) {
    const nm = `${n.info.file}\0${n.info.name}`;
    let m = index.get(nm);
    if (!m) index.set(nm, (m = new Map()));
    if (!m.has(fnKey(n))) m.set(fnKey(n), m.size);
  }
  const out = new Map<GNode, string>();
  for (const n of nodes) {
    const m = index.get(`${n.info.file}\0${n.info.name}`)!;
    out.set(n, m.size > 1 ? `${n.info.name} [${m.get(fnKey(n))! + 1}/${m.size}]` : n.info.name);
  }
  return out;
}

/** pprof's selectOutputUnit for callgrind: the smallest node's unit (no ×100 step: integer costs). */
function outputUnit(nodes: GNode[], unit: string, sampleUnit: string, total: number, ratio: number): string {
  if (unit !== 'minimum' || nodes.length === 0) return unit === 'minimum' ? sampleUnit : unit;
  let minValue = 0;
  for (const n of nodes) {
    let m = Math.abs(n.flat);
    if (m === 0) m = Math.abs(n.cum);
    if (m > 0 && (minValue === 0 || m < minValue)) minValue = m;
  }
  if (minValue === 0) minValue = total;
  if (ratio > 0 && ratio !== 1) minValue = Math.trunc(minValue * ratio);
  const u = scale(minValue, sampleUnit, 'minimum')[1];
  return u !== '' ? u : sampleUnit;
}
