import { describe, expect, it } from 'vitest';
import type { GEdge, GNode, Tag } from '../../../src/graph/build.js';
import { flatNameOrder, sortEdges, sortNodes, sortTags } from '../../../src/graph/sort.js';

function node(name: string, flat: number, cum: number, file = ''): GNode {
  const info = { name, origName: '', address: 0, file, startLine: 0, lineno: 0, objfile: '' };
  return { nid: 0, info, name, flat, cum, in: new Map(), out: new Map(), labelTags: new Map(), numericTags: new Map() };
}
function edge(src: GNode, dest: GNode, weight: number): GEdge {
  const e = { src, dest, weight, residual: false, inline: false };
  src.out.set(dest, e);
  dest.in.set(src, e);
  return e;
}
const names = (ns: { name: string; info?: { file: string } }[]) => ns.map((n) => (n.info?.file ? `${n.name}@${n.info.file}` : n.name));

// google/pprof internal/graph: Nodes.Sort (FlatNameOrder, CumNameOrder, EntropyOrder), EdgeMap.Sort, SortTags.
describe('node orders', () => {
  it('flat (text tables): |flat| desc, then name, then |cum| desc, then the rest of the node info', () => {
    const ns = [node('b', 5, 5), node('a', 5, 9), node('c', -10, 1), node('a', 5, 9, 'y.go'), node('a', 5, 20)];
    ns.sort(flatNameOrder);
    expect(names(ns)).toEqual(['c', 'a', 'a', 'a@y.go', 'b']);
    expect(ns[1]!.cum).toBe(20);
  });
  it('cum (-cum tables): |cum| desc, then name, then |flat| desc', () => {
    const ns = [node('b', 1, 10), node('a', 1, 10), node('z', 0, -30), node('a', 4, 10)];
    sortNodes(ns, true, false);
    expect(ns.map((n) => `${n.name}${n.flat}`)).toEqual(['z0', 'a4', 'a1', 'b1']);
  });
  it('pictures (entropy): a node with no callers and no callees scores 2·cum + flat, a one-caller leaf cum + flat', () => {
    const root = node('root', 0, 40);
    const alone = node('alone', 10, 10); // 2·10 + 10 = 30
    const leaf = node('leaf', 5, 20); // in: one edge (entropy 0), out: none (+1): 20 + 5 = 25
    edge(root, leaf, 20);
    const ns = [leaf, alone];
    sortNodes(ns, false, true);
    expect(names(ns)).toEqual(['alone', 'leaf']);
  });
  it("a diff node whose entropy is NaN ranks first, as Go's int64(NaN) makes it on amd64", () => {
    const big = node('big', 100, 1000);
    const odd = node('odd', -5, 1); // negative flat, only negative out-edges: log2 of a negative fraction
    edge(odd, node('callee', -2, -2), -2);
    const ns = [big, odd];
    sortNodes(ns, false, true);
    expect(names(ns)).toEqual(['odd', 'big']);
  });
});

describe('edge order', () => {
  it('|weight| desc, then source name, then destination name', () => {
    const [a, b, c] = [node('a', 0, 0), node('b', 0, 0), node('c', 0, 0)];
    const es = sortEdges([edge(b, c, 3), edge(a, c, 3), edge(a, b, 3), edge(c, a, -7)]);
    expect(es.map((e) => `${e.src.name}->${e.dest.name}`)).toEqual(['c->a', 'a->b', 'a->c', 'b->c']);
  });
});

describe('tag order', () => {
  const tag = (name: string, flat: number, cum: number): Tag => ({ name, unit: '', value: 0, flat, cum });
  it('|cum| desc, then |flat| desc, then name; by flat only for flat reports', () => {
    const ts = () => [tag('b', 1, 5), tag('a', 1, 5), tag('c', 9, 2), tag('d', 2, -8)];
    expect(names(sortTags(ts(), false))).toEqual(['d', 'a', 'b', 'c']);
    expect(names(sortTags(ts(), true))).toEqual(['c', 'd', 'a', 'b']);
  });
});
