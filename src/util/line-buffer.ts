/**
 * Collects output lines into UTF-8 chunks, so that reports of millions of lines (`--traces` of a
 * large profile can pass it) never build one JavaScript string past V8's maximum string length.
 */
export class LineBuffer {
  private lines: string[] = [];
  private readonly chunks: Uint8Array[] = [];

  push(...lines: string[]): void {
    for (const l of lines) this.lines.push(l);
    if (this.lines.length >= 50_000) this.flush();
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.chunks.push(new TextEncoder().encode(`${this.lines.join('\n')}\n`));
    this.lines = [];
  }

  /** The text with a newline after every line. */
  toBytes(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
