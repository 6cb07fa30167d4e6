#!/usr/bin/env node
import './io/node-platform.js';
import { fstatSync, rmSync } from 'node:fs';
import { helpText, parseCli } from './cli/options.js';
import { isHostPort, isUrl } from './cli/input-kind.js';
import { readEarly } from './cli/read-file.js';
import { pendingTempFiles } from './cli/temp-files.js';
import type { RunIO } from './cli/run.js';
import { oneLine, UserError } from './errors.js';
import { packageVersion } from './version.js';

const version = packageVersion;

/** sysexits' EX_SOFTWARE: distinct from 1 (budget breach) and 2 (usage or input error). */
const EXIT_INTERNAL = 70;

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const opts = parseCli(argv);
    if (opts === 'help') {
      stdout().write(helpText(version()));
      return 0;
    }
    if (opts === 'version') {
      stdout().write(`${version()}\n`);
      return 0;
    }
    // The first input, when it is a local file, starts loading now, while the pipeline's modules
    // load. (Only the first: a --leaks series inflated all at once would hold every snapshot.)
    if (isLocalPath(opts.inputs[0]!)) readEarly(opts.inputs[0]!, opts.maxInflate);
    const io: RunIO = {
      stdout: (s) => stdout().write(s),
      stderr: (s) => process.stderr.write(s),
      // Getters: process.stderr is made only if something reads them or writes to it (for a pipe
      // making it is a start-up cost, and a quiet run that writes files never needs it).
      get stderrIsTTY() {
        return process.stderr.isTTY === true;
      },
      get stderrColors() {
        return process.stderr.isTTY === true && process.stderr.hasColors();
      },
      env: process.env,
      stdoutKind,
    };
    if (opts.interactive) {
      const { runInteractive } = await import('./cli/interactive/session.js');
      return await runInteractive(opts, { ...io, stdin: process.stdin, stdoutIsTTY: process.stdout.isTTY === true });
    }
    if (opts.http) return await (await import('./cli/serve.js')).serve(opts, io);
    const { run } = await import('./cli/run.js');
    if (!opts.web) return await run(opts, io);
    return await (await import('./cli/web.js')).web(opts, io, run);
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`gen-report: ${oneLine(e.message)}\n`);
      if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    process.stderr.write(`gen-report: internal error: ${oneLine(err?.message ?? String(e))}\n`);
    if (debug) process.stderr.write(`${err?.stack ?? ''}\n`);
    else process.stderr.write('gen-report: rerun with --debug for the stack trace\n');
    return EXIT_INTERNAL;
  }
}

/** Not stdin, not a URL, not pprof's scheme-less `host:port/path`: a path to read early. */
function isLocalPath(input: string): boolean {
  return input !== '-' && !isUrl(input) && !isHostPort(input);
}

// For the bench: report this process's peak memory on exit (kB), without an external `time` tool.
if (process.env['GEN_REPORT_RUSAGE']) {
  process.on('exit', () => process.stderr.write(`gen-report-rusage ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`));
}
// SIGINT/SIGTERM: while files are being written, src/cli/write.ts removes the temp files and exits
// 130/143; before that nothing is on disk and the default action stops the process at once.

let stdoutReady = false;

/** fd 1 as pprof's redirection rule sees it (an fstat: process.stdout is not made for it). */
function stdoutKind(): 'file' | 'tty' | 'other' {
  try {
    const st = fstatSync(1);
    if (st.isFile()) return 'file';
    // Only a character device can be a terminal; asking makes process.stdout, which a format
    // bound for stdout needs anyway.
    return st.isCharacterDevice() && stdout().isTTY ? 'tty' : 'other';
  } catch {
    return 'other';
  }
}

/**
 * process.stdout, made on first use (a run that writes only files never makes it: for a pipe it is
 * a start-up cost), with its handler for `gen-report … | head`: a closed stdout is the reader's
 * choice, not an error worth a stack trace.
 */
function stdout(): NodeJS.WriteStream {
  if (!stdoutReady) {
    stdoutReady = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') {
        for (const f of pendingTempFiles()) rmSync(f, { force: true });
        process.exit(0);
      }
      throw e;
    });
  }
  return process.stdout;
}

// No top-level await: the shipped command is a CommonJS bundle (see scripts/bundle.mjs).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
