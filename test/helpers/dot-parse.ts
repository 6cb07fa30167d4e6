/** A small DOT reader for tests: node and edge statements with their attributes (escStrings kept raw). */
export interface ParsedDot {
  nodes: Map<string, Record<string, string>>;
  edges: { from: string; to: string; attrs: Record<string, string> }[];
}

type Tok = { t: 'id'; v: string } | { t: 'p'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && src[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (src[i] === '\\' && src[i + 1] === '\\') {
          v += '\\\\';
          i += 2;
        } else v += src[i++];
      }
      i++;
      out.push({ t: 'id', v });
    } else if (c === '<') {
      let depth = 0;
      let v = '';
      do {
        if (src[i] === '<') depth++;
        if (src[i] === '>') depth--;
        v += src[i++];
      } while (depth > 0 && i < src.length);
      out.push({ t: 'id', v });
    } else if (src.startsWith('->', i)) {
      out.push({ t: 'p', v: '->' });
      i += 2;
    } else if ('[]{}=;,'.includes(c)) {
      out.push({ t: 'p', v: c });
      i++;
    } else {
      let v = '';
      while (i < src.length && /[A-Za-z0-9_.#\-]/.test(src[i]!) && !src.startsWith('->', i)) v += src[i++];
      if (v === '') throw new Error(`dot-parse: unexpected ${JSON.stringify(c)} at ${i}`);
      out.push({ t: 'id', v });
    }
  }
  return out;
}

export function parseDot(src: string): ParsedDot {
  const toks = tokenize(src);
  const res: ParsedDot = { nodes: new Map(), edges: [] };
  let i = 0;
  const attrList = (): Record<string, string> => {
    const a: Record<string, string> = {};
    while (toks[i]?.v === '[') {
      i++;
      while (toks[i] && toks[i]!.v !== ']') {
        const k = toks[i++]!.v;
        if (toks[i]?.v === '=') {
          i++;
          a[k] = toks[i++]!.v;
        }
        if (toks[i]?.v === ';' || toks[i]?.v === ',') i++;
      }
      i++;
    }
    return a;
  };
  while (i < toks.length) {
    const tk = toks[i]!;
    if (tk.t === 'p') {
      i++;
      continue;
    }
    if (['digraph', 'graph', 'subgraph', 'strict'].includes(tk.v)) {
      i++;
      if (toks[i]?.t === 'id') i++;
      continue;
    }
    if (['node', 'edge'].includes(tk.v) && toks[i + 1]?.v === '[') {
      i++;
      attrList();
      continue;
    }
    const id = tk.v;
    i++;
    if (toks[i]?.v === '=') {
      i += 2; // graph attribute
      continue;
    }
    if (toks[i]?.v === '->') {
      i++;
      const to = toks[i++]!.v;
      res.edges.push({ from: id, to, attrs: attrList() });
    } else {
      const attrs = attrList();
      res.nodes.set(id, { ...(res.nodes.get(id) ?? {}), ...attrs });
    }
  }
  return res;
}
