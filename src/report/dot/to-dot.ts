import { createElementFactory, stringify, type AttributeASTNode, type ClusterStatementASTNode, type LiteralASTNode } from 'ts-graphviz/ast';
import type { DotAttrs, DotModel } from './dot-model.js';
import { dotString, MAX_DOT_LABEL_CHARS } from './dot-safe.js';

/** Graph-wide attributes added on top of pprof's (the rendered formats set a font for layout). */
export interface DotDefaults {
  graph?: DotAttrs;
  node?: DotAttrs;
  edge?: DotAttrs;
}

/**
 * Serializes the DOT model with ts-graphviz's AST printer. The AST is built here rather than
 * from ts-graphviz's graph model: the model prints any string value that looks like `<…>` (after
 * trimming, and on any line, U+2028 included) as an HTML-like label, unquoted, which a crafted
 * name turns into DOT statements of its own. Here every string is a quoted DOT string made by
 * dotString (dot-safe.ts), numbers are bare, and node IDs come from the model (ours).
 *
 * `maxStringLength`: bytes at which strings are cut for native Graphviz < 2.50 (default, see
 * dot-safe.ts); the WASM layout passes Infinity to keep whole names in tooltips. Labels (they size
 * the boxes) stop at MAX_DOT_LABEL_CHARS characters either way.
 */
export function toDotText(m: DotModel, defaults: DotDefaults = {}, maxStringLength?: number): string {
  // ts-graphviz caps its AST at 100,000 nodes against hostile DOT input; ours is generated from
  // the graph (--nodecount 0 --trim=false on a large profile passes that cap), so no cap.
  const h = createElementFactory({ maxASTNodes: 0 });
  const quoted = (s: string, maxChars?: number): LiteralASTNode => h('Literal', { value: dotString(s, maxStringLength, maxChars), quoted: true }, []);
  const attrs = (a: DotAttrs): AttributeASTNode[] =>
    Object.entries(a).map(([k, v]) =>
      h('Attribute', {
        key: h('Literal', { value: k as never, quoted: false }, []),
        value:
          typeof v === 'number'
            ? h('Literal', { value: String(v), quoted: false }, [])
            : quoted(v, /label$/.test(k) ? MAX_DOT_LABEL_CHARS : undefined),
      }, []),
    );
  const list = (kind: 'Graph' | 'Node' | 'Edge', a: DotAttrs | undefined): ClusterStatementASTNode[] =>
    a && Object.keys(a).length > 0 ? [h('AttributeList', { kind }, attrs(a))] : [];

  const children: ClusterStatementASTNode[] = [
    ...list('Graph', defaults.graph),
    ...list('Edge', defaults.edge),
    ...list('Node', { style: 'filled', fillcolor: '#f8f8f8', ...defaults.node }),
  ];
  for (const n of m.nodes) children.push(h('Node', { id: quoted(n.id) }, attrs(n.attrs)));
  if (m.legend) {
    const a: DotAttrs = { shape: 'box', fontsize: 16, label: m.legend.label };
    if (m.legend.tooltip) a['tooltip'] = m.legend.tooltip;
    children.push(h('Subgraph', { id: quoted('cluster_L') }, [h('Node', { id: quoted(m.legend.name) }, attrs(a))]));
  }
  for (const e of m.edges) {
    const targets = [e.from, e.to].map((id) => h('NodeRef', { id: quoted(id) }, [])) as [never, never];
    children.push(h('Edge', { targets }, attrs(e.attrs)));
  }
  const graph = h('Graph', { directed: true, strict: false, id: quoted(m.title) }, children);
  return stringify(h('Dot', {}, [graph]));
}

