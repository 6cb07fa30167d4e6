/** A font's advance widths by code point (src/report/pictures/font.ts reads them for node labels). */
export interface FontMetrics {
  glyphs: Map<number, number>;
  advances: Uint16Array;
  unitsPerEm: number;
}

/**
 * What the engine needs from the machine it runs on, given to it instead of imported: the engine
 * (everything but src/cli/, src/io/ and the entry files) imports nothing from Node, so that the
 * same code runs in the command, in the library and in a browser page. The command and the
 * library install Node's (src/io/node-platform.ts); a page would install its own.
 */
export interface Platform {
  /** gzip content inflated, refused past `maxInflate` bytes (a one-line Error). */
  gunzip(data: Uint8Array, maxInflate: number): Uint8Array;
  /** gzip of `data`; with `maxBytes`, null as soon as the output passes it (the work stops there). */
  gzip(data: Uint8Array, maxBytes?: number): Uint8Array | null;
  /** DOT laid out as SVG, stopped after `seconds` (`what` names the graph in the error). */
  layoutSvg(dot: string, seconds: number, what: string): Promise<string>;
  /** The call graph's layout as PNG, sized by `options` (--dpi, --scale); `warn` gets the remark when its size is capped. */
  renderPng(layout: Promise<string>, options: { dpi: number; scale: number }, warn: (msg: string) => void): Promise<Uint8Array>;
  /** The TrueType bytes of the graphs' font (its advance widths size the node labels). */
  fontBytes(): Uint8Array;
  /** The same font's metrics, when the platform has them without the file (the HTML page's engine). */
  fontMetrics?(): FontMetrics;
  /** The HTML page's compiled template, stylesheet, script (with its CSP hash) and font. */
  pageAssets(): Promise<PageAssets>;
  /** pprof's source reader for --list: source files searched in `searchPath` after --trim_path. */
  sourceReader(searchPath: string, trimPath: string): SourceLines;
  /** A `file:` URL's path as the host's file system spells it (V8 profiles name scripts by URL); throws when it has none. */
  fileUrlPath(url: string): string;
  /** Where --list looks for sources when --source_path is not given. */
  cwd(): string;
  /**
   * Runs one of the engine's background tasks (src/report/html/background-tasks.ts) on `profile` (a Profile)
   * on another thread, when the platform has one: the command's runs them in a worker thread
   * while the main thread builds the graphs (a page has none). Null when there is no such thread
   * now (the task then runs here); rejects when that thread fails.
   */
  background?(task: string, profile: object, arg: unknown): Promise<unknown> | null;
}

export interface PageAssets {
  render: (data: object) => string;
  css: string;
  js: string;
  /** sha256 of `js`, base64 (the page's Content-Security-Policy allows that script only). */
  scriptHash: string;
  /** The page's engine (`window.GenReportEngine`, src/page/engine.ts) and its sha256, base64. */
  engineJs: string;
  engineHash: string;
  /** The Graphviz WASM layout worker's script, inlined as text (the engine starts it from a Blob URL). */
  layoutWorkerJs: string;
  fontDataUri: string;
}

export interface SourceLines {
  /** Line `lineno` (1-based) of `path`, or undefined past the end or when the file is missing. */
  line(path: string, lineno: number): string | undefined;
  /** Why `path` could not be read, if it could not. */
  error(path: string): string | undefined;
}

let installed: Platform | null = null;

/** Gives the engine its platform (once per process; a later call replaces it). */
export function installPlatform(p: Platform): void {
  installed = p;
}

export function platform(): Platform {
  if (!installed) throw new Error('gen-report engine used without a platform: import gen-report (or src/io/node-platform.js) first');
  return installed;
}

/** A call graph's layout, from the platform (computed once per run: the `layout` of src/report/inputs.ts). */
export const layoutSvg = (dot: string, seconds: number, what: string): Promise<string> => platform().layoutSvg(dot, seconds, what);

/** The HTML page's assets, from the platform. */
export const pageAssets = (): Promise<PageAssets> => platform().pageAssets();
