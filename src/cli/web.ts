import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULTS } from '../config/defaults.js';
import { openBrowser } from './browser.js';
import type { CliOptions } from './options.js';
import type { RunIO } from './run.js';
import { stemOf } from './sources.js';
import { visible } from '../util/visible-text.js';

/**
 * `--web`, as pprof's -web: the HTML report written to a fresh temporary folder and opened in a
 * browser when one can be opened; the path is printed either way (the file stays: a browser may
 * read it after this process has ended).
 */
export async function web(opts: CliOptions, io: RunIO, run: (o: CliOptions, io: RunIO) => Promise<number>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'gen-report-web-'));
  const file = join(dir, `${stemOf(opts.inputs[0]!, DEFAULTS.stdinStem)}.html`);
  // The path is printed even with --quiet: it is what --web gives.
  const code = await run({ ...opts, output: file, quiet: true }, io);
  if (code !== 0 && code !== 1) return code;
  const env = io.env ?? process.env;
  const opener = openBrowser(pathToFileURL(file).href, env, opts.noBrowser);
  io.stderr(opener ? `opened ${visible(file)} (${opener})\n` : `wrote ${visible(file)}: open it in a browser\n`);
  return code;
}
