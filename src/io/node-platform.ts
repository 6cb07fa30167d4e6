import { constants } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Profile } from '../model/profile.js';
import type { BackgroundTask } from '../report/html/background-tasks.js';
import { installPlatform, type Platform } from '../util/platform.js';
import { fontFile } from './font-files.js';
import { gunzipCapped } from './gunzip.js';
import { SourceReader } from './source-reader.js';

/**
 * The engine's platform on Node (src/util/platform.ts): zlib, files, the layout worker pool and
 * resvg. The heavy parts (workers, Graphviz, resvg, Handlebars) load on first use only, so that a
 * --text run loads none of them. Importing this module installs it: the command, the library and
 * the tests import it once.
 */
let layoutModule: typeof import('./layout.js') | undefined;

/** The layout module (loaded once; kept for `layoutSvg`'s synchronous start). */
export function loadLayout(): Promise<typeof import('./layout.js')> {
  return import('./layout.js').then((m) => (layoutModule = m));
}

let backgroundModule: typeof import('./background.js') | undefined;

/** The background thread's module (loaded once, by warmUp for the formats that use it). */
export function loadBackground(): Promise<typeof import('./background.js')> {
  return import('./background.js').then((m) => (backgroundModule = m));
}

export const nodePlatform: Platform = {
  gunzip: gunzipCapped,
  gzip: gzipBounded,
  // Once loaded (warmUp starts it while the profile loads), a call starts its layout before it
  // returns: the HTML report builds the next sample type's graph meanwhile.
  layoutSvg: (dot, seconds, what) =>
    layoutModule ? layoutModule.runLayout(dot, seconds, what) : loadLayout().then((m) => m.runLayout(dot, seconds, what)),
  renderPng: async (layout, options, warn) => (await import('./png.js')).renderPng(layout, options, warn),
  fontBytes: () => readFileSync(fontFile()),
  pageAssets: async () => (await import('./page-assets.js')).pageAssets(),
  sourceReader: (searchPath, trimPath) => new SourceReader(searchPath, trimPath),
  fileUrlPath: (url) => fileURLToPath(url),
  cwd: () => process.cwd(),
  // Only once loaded: a task started later than now would wait for the main thread to be free,
  // and then it can as well run there.
  background: (task, profile, arg) => backgroundModule?.runInBackground(task as BackgroundTask, profile as Profile, arg) ?? null,
};

/**
 * zlib's gzip; past `maxBytes` of output it stops compressing and gives null (its sync call checks
 * the output after each chunk it makes and throws ERR_BUFFER_TOO_LARGE): a profile far over the
 * page's cap costs the compression of the cap's worth, not of all of it.
 */
function gzipBounded(data: Uint8Array, maxBytes?: number): Uint8Array | null {
  // zlib takes a bound up to the largest buffer only; past it there is nothing to bound.
  if (maxBytes === undefined || maxBytes >= constants.MAX_LENGTH) return gzipSync(data);
  try {
    return gzipSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
    throw e;
  }
}

installPlatform(nodePlatform);
