/**
 * Progress on stderr for the slow stages (loading, layout, raster, HTML): one status line rewritten
 * in place, cleared when the work is done. Shown only when a person is watching:
 * - stderr is a terminal (never in pipes, files or CI logs, where `\r` lines turn into noise);
 * - not `--quiet`; not in CI (`CI` set to anything but "", "0" or "false"); `TERM` is not "dumb".
 * Colour (a dim status line) follows Node's rules for the stream: `NO_COLOR` turns it off,
 * `FORCE_COLOR` (0–3) overrides both ways, as in every Node tool. The "wrote FILE" lines are not
 * progress: they stay, in CI too, unless `--quiet`.
 */
export interface Progress {
  /** Starts a stage: "loading leak.pb.gz". */
  step(label: string): void;
  /** Clears the status line (call before printing anything else on stderr). */
  done(): void;
  readonly enabled: boolean;
}

export interface ProgressOptions {
  write: (s: string) => void;
  isTTY: boolean;
  colors: boolean;
  quiet: boolean;
  env: NodeJS.ProcessEnv;
}

export function isCI(env: NodeJS.ProcessEnv): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export function progressEnabled(o: Omit<ProgressOptions, 'write' | 'colors'>): boolean {
  // isTTY last: reading it may make process.stderr (see cli.ts), which a quiet run never needs.
  return !o.quiet && !isCI(o.env) && o.env['TERM'] !== 'dumb' && o.isTTY;
}

export function createProgress(o: ProgressOptions): Progress {
  const enabled = progressEnabled(o);
  let shown = false;
  const clear = '\r\x1b[K';
  return {
    enabled,
    step(label) {
      if (!enabled) return;
      const text = `gen-report: ${label}…`;
      o.write(`${clear}${o.colors ? `\x1b[2m${text}\x1b[22m` : text}`);
      shown = true;
    },
    done() {
      if (!shown) return;
      o.write(clear);
      shown = false;
    },
  };
}
