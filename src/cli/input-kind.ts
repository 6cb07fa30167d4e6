/** How an input names its source, from the text alone (no I/O, no network modules: the entry point uses it). */

/** True for inputs that name an http(s) URL. */
export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** pprof's scheme-less `host:port/path` (http, unless a file by that name exists). */
export function isHostPort(input: string): boolean {
  return /^[A-Za-z0-9.-]+:\d+(\/.*)?$/.test(input);
}
