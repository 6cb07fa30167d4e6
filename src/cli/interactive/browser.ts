import { spawn } from 'node:child_process';

/**
 * Opens `path` in a browser, as pprof's `web` does: $BROWSER first, then the desktop's opener. Only
 * tried where one can work (a display on Linux); a failure is one message line, never fatal.
 */
export function openInBrowser(path: string, message: (s: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  const candidates: string[][] = [];
  if (env['BROWSER']) candidates.push(env['BROWSER'].split(' ').filter((s) => s !== ''));
  if (process.platform === 'darwin') candidates.push(['/usr/bin/open']);
  else if (env['DISPLAY'] || env['WAYLAND_DISPLAY']) candidates.push(['xdg-open']);
  const next = (i: number): void => {
    const c = candidates[i];
    if (!c) {
      message(`no browser could be started: open ${path} yourself`);
      return;
    }
    const child = spawn(c[0]!, [...c.slice(1), path], { stdio: 'ignore', detached: true });
    child.on('error', () => next(i + 1));
    child.unref();
  };
  next(0);
}
