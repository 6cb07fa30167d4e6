/**
 * Data reaches the page as JSON inside `<script type="application/json">`. `<` is written as
 * `\u003c` (so no `</script>` or `<!--` can end the element), and U+2028/U+2029 are escaped too (they
 * are line terminators for older JavaScript parsers). The page reads it with JSON.parse(textContent).
 */
export function jsonForScript(x: unknown): string {
  return JSON.stringify(x)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Our own CSS/JS is inlined raw: refuse (internal error) anything that would close its element early. */
export function assertInlineable(kind: 'style' | 'script', text: string): string {
  if (new RegExp(`</${kind}`, 'i').test(text) || /<!--/.test(text)) {
    throw new Error(`inlined ${kind} contains a closing tag or comment opener`);
  }
  return text;
}
