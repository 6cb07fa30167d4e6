/**
 * Prepares Graphviz's SVG for inlining in the HTML page: drops the XML prolog, DOCTYPE and comments,
 * makes the root scalable, and checks the markup against the few elements and attributes Graphviz
 * writes. Graphviz escapes text (`<` → `&lt;`); the check makes sure nothing executable slipped
 * through (no script, foreignObject, event handler or link), and fails loudly if it did.
 */

const ELEMENTS = new Set([
  'svg', 'g', 'title', 'a', 'text', 'path', 'polygon', 'polyline', 'ellipse', 'circle', 'rect', 'line',
  'defs', 'lineargradient', 'radialgradient', 'stop', 'tspan',
]);
const ATTRIBUTES = new Set([
  'width', 'height', 'viewbox', 'xmlns', 'xmlns:xlink', 'id', 'class', 'transform', 'fill', 'stroke',
  'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill-opacity', 'points', 'd', 'x', 'y', 'cx', 'cy',
  'rx', 'ry', 'r', 'x1', 'y1', 'x2', 'y2', 'text-anchor', 'font-family', 'font-size', 'font-weight',
  'font-style', 'xml:space', 'xlink:title', 'target', 'offset', 'style', 'gradientunits', 'stop-color',
  'stop-opacity', 'opacity', 'text-decoration', 'baseline-shift', 'textlength', 'lengthadjust',
]);

export class UnsafeSvgError extends Error {}

export function inlineSvg(svg: string, cls: string): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new UnsafeSvgError('Graphviz output has no <svg> element');
  // `<!-{2}`, not the comment opener spelled out: this module is inlined in the page's engine script.
  let s = svg.slice(start).replace(/<!-{2}[\s\S]*?-->/g, '').trim();
  checkMarkup(s);
  // Scalable root: the page sets the size and pans/zooms through the viewBox.
  s = s.replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\s(width|height)="[^"]*"/g, '');
    return `<svg${kept} class="${cls}" preserveAspectRatio="xMidYMid meet">`;
  });
  return s.replace(/\n+/g, '\n');
}

function checkMarkup(s: string): void {
  if (/<!|<\?|<!\[CDATA\[/i.test(s)) throw new UnsafeSvgError('unexpected declaration in Graphviz SVG');
  const tag = /<\/?([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+\s*=\s*"[^"]*")*)\s*\/?>/g;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(s)) !== null) {
    if (/[<>]/.test(s.slice(pos, m.index))) throw new UnsafeSvgError('malformed markup in Graphviz SVG');
    pos = tag.lastIndex;
    const name = m[1]!.toLowerCase();
    if (!ELEMENTS.has(name)) throw new UnsafeSvgError(`unexpected <${name}> in Graphviz SVG`);
    for (const a of m[2]!.matchAll(/([^\s=]+)\s*=\s*"([^"]*)"/g)) {
      const an = a[1]!.toLowerCase();
      if (!ATTRIBUTES.has(an)) throw new UnsafeSvgError(`unexpected attribute ${an} in Graphviz SVG`);
      if (an === 'style' && /url\(|expression|javascript:/i.test(a[2]!)) throw new UnsafeSvgError('unsafe style in Graphviz SVG');
    }
  }
  if (/[<>]/.test(s.slice(pos))) throw new UnsafeSvgError('malformed markup in Graphviz SVG');
}
