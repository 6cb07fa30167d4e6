// src/ reads as a pipeline only if its imports go one way: no module imports itself through others,
// and no two top-level folders (model, profile, graph, report, budget, cli…) import each other, even
// for a type. (report/formats.ts, the format table, imports the renderers in report/*/, which read
// the inputs' types in report/inputs.ts: folders inside one family may.)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Each src file (relative, with `/`) → the src files it imports: static, dynamic, type-only and re-exports. */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const f of files(SRC)) {
    const out = new Set<string>();
    for (const i of ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles) {
      if (i.fileName.startsWith('.')) out.add(relative(SRC, resolve(dirname(f), i.fileName)).replace(/\\/g, '/').replace(/\.js$/, '.ts'));
    }
    graph.set(relative(SRC, f).replace(/\\/g, '/'), out);
  }
  return graph;
}

/** The graph's cycles: its strongly connected components of more than one node, each sorted. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const c: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1) found.push(c.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The graph between top-level folders (a file of src/ itself, e.g. errors.ts, is its own node). */
function folderGraph(g: Map<string, Set<string>>): Map<string, Set<string>> {
  const top = (f: string) => f.split('/')[0]!;
  const out = new Map<string, Set<string>>();
  for (const [a, targets] of g) {
    for (const b of targets) {
      if (top(a) === top(b)) continue;
      if (!out.has(top(a))) out.set(top(a), new Set());
      out.get(top(a))!.add(top(b));
    }
  }
  return out;
}

describe('src imports go one way', () => {
  const graph = importGraph();

  it('reads the imports of every src file', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('graph/build.ts')).toContain('graph/tag-accumulator.ts');
  });

  it('no file imports itself through others', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('no two top-level folders import each other', () => {
    expect(cycles(folderGraph(graph))).toEqual([]);
  });

  it('the check sees a cycle, of files and of folders', () => {
    const g = new Map([
      ['budget/facts.ts', new Set(['report/summaries/info.ts'])],
      ['report/summaries/info.ts', new Set(['model/profile.ts'])],
      ['report/summaries/json.ts', new Set(['budget/check.ts'])],
      ['budget/check.ts', new Set<string>()],
      ['graph/build.ts', new Set(['graph/tags.ts'])],
      ['graph/tags.ts', new Set(['graph/build.ts'])],
    ]);
    expect(cycles(g)).toEqual([['graph/build.ts', 'graph/tags.ts']]);
    expect(cycles(folderGraph(g))).toEqual([['budget', 'report']]);
  });
});
