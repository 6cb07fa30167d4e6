/** SVG fragments no Graphviz writes, each a way to run script or load something: svg-inline.ts must refuse every one. */
export const HOSTILE_SVG_FRAGMENTS: readonly string[] = [
  '<script>alert(1)</script>',
  '<foreignObject><img src=x></foreignObject>',
  '<g onload="alert(1)"></g>',
  '<a xlink:href="javascript:alert(1)"><text>x</text></a>',
  '<text>a <img src=x onerror=alert(1)></text>',
  '<text>a > b</text>',
  '<g style="background:url(http://x)"></g>',
  '<g style="fill:url(http://x)"></g>',
  '<set attributeName="onmouseover" to="alert(1)"/>',
];
