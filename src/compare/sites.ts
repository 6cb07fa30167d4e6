/**
 * Allocation sites of one heap snapshot: the leaf frame of each sample's stack, at two levels
 * (function, and function + file:line), with its in-use value.
 *
 * Rules (documented for users in the --leaks text header and the README):
 * - The leaf is the innermost frame, inlined frames included (an allocation in an inlined helper
 *   belongs to the helper, as pprof's flat column says).
 * - Leading Go runtime frames (`runtime.*`) are skipped while a non-runtime frame remains below
 *   them: the same rule Go's own heap profile writer applies to protobuf profiles, so legacy text
 *   profiles (which keep `runtime.mallocgc`, `runtime.newobject`, …) give the same sites. A stack
 *   made only of runtime frames (goroutine stacks from `runtime.malg`, `runtime.allgadd`) keeps its
 *   innermost frame: growth there means goroutines pile up.
 * - Node's pseudo-frames `(external)` (memory outside the JS heap: Buffers, ArrayBuffers),
 *   `(program)`, `(garbage collector)` and the like have no caller: they are sites of their own.
 */
import type { Profile } from '../model/profile.js';

export interface Frame {
  name: string;
  file: string;
  line: number;
}

export interface SiteValues {
  /** function name (level 'function') or `name file:line` (level 'line'). */
  key: string;
  frame: Frame;
  value: number;
  objects: number;
}

/** Frames of sample i, leaf first, one per line entry (inlined frames expanded). */
export function framesOf(p: Profile, i: number): Frame[] {
  const s = p.samples;
  const out: Frame[] = [];
  for (let k = s.stackStart[i]!; k < s.stackStart[i + 1]!; k++) {
    const loc = p.locations[s.locs[k]!]!;
    if (loc.lines.length === 0) {
      out.push({ name: `0x${loc.address.toString(16)}`, file: '', line: 0 });
      continue;
    }
    for (const ln of loc.lines) {
      const f = ln.func >= 0 ? p.functions[ln.func] : undefined;
      out.push({ name: f?.name || '<unknown>', file: f?.filename ?? '', line: ln.line });
    }
  }
  return out;
}

/** Index of the allocation-site frame in a leaf-first frame list (see the rules above). */
export function siteIndex(frames: Frame[]): number {
  for (let i = 0; i < frames.length; i++) {
    if (!frames[i]!.name.startsWith('runtime.')) return i;
  }
  return 0;
}

export const lineKey = (f: Frame): string => `${f.name} ${f.file}:${f.line}`;

/** Per-site sums of value column `vi` (and `oi` for objects, -1 when absent) in one snapshot. */
export function sitesOf(p: Profile, vi: number, oi: number): { functions: Map<string, SiteValues>; lines: Map<string, SiteValues> } {
  const nv = p.sampleTypes.length;
  const functions = new Map<string, SiteValues>();
  const lines = new Map<string, SiteValues>();
  const add = (m: Map<string, SiteValues>, key: string, frame: Frame, v: number, o: number) => {
    const e = m.get(key);
    if (e) {
      e.value += v;
      e.objects += o;
    } else m.set(key, { key, frame, value: v, objects: o });
  };
  for (let i = 0; i < p.samples.count; i++) {
    const v = p.samples.values[i * nv + vi]!;
    const o = oi >= 0 ? p.samples.values[i * nv + oi]! : 0;
    if (v === 0 && o === 0) continue;
    const frames = framesOf(p, i);
    if (frames.length === 0) continue;
    const f = frames[siteIndex(frames)]!;
    add(functions, f.name, { name: f.name, file: f.file, line: 0 }, v, o);
    add(lines, lineKey(f), f, v, o);
  }
  return { functions, lines };
}

/** Heaviest stacks ending at a site in one snapshot: root-first frame names with their value. */
export function pathsTo(p: Profile, vi: number, level: 'function' | 'line', key: string): Map<string, { frames: string[]; value: number }> {
  const nv = p.sampleTypes.length;
  const out = new Map<string, { frames: string[]; value: number }>();
  for (let i = 0; i < p.samples.count; i++) {
    const v = p.samples.values[i * nv + vi]!;
    if (v === 0) continue;
    const frames = framesOf(p, i);
    if (frames.length === 0) continue;
    const si = siteIndex(frames);
    const f = frames[si]!;
    if ((level === 'function' ? f.name : lineKey(f)) !== key) continue;
    const names = frames
      .slice(si)
      .map((x) => x.name)
      .reverse();
    const k = names.join('\u0000');
    const e = out.get(k);
    if (e) e.value += v;
    else out.set(k, { frames: names, value: v });
  }
  return out;
}
