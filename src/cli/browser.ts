import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Opens `target` (a URL or a file) in a browser when one can be opened, as pprof's -http/-web do:
 * `$BROWSER` (colon-separated commands, as pprof reads it), else the platform's opener (`open` on
 * macOS, `start` on Windows, `xdg-open` on a Linux desktop: only with $DISPLAY or
 * $WAYLAND_DISPLAY). Never with --no_browser or GEN_REPORT_NO_BROWSER=1 (tests set it). Returns
 * the command used, or null.
 */
export function openBrowser(target: string, env: NodeJS.ProcessEnv, noBrowser: boolean): string | null {
  if (noBrowser || (env['GEN_REPORT_NO_BROWSER'] ?? '') !== '' && env['GEN_REPORT_NO_BROWSER'] !== '0') return null;
  const candidates: string[][] = [];
  for (const b of (env['BROWSER'] ?? '').split(':')) if (b.trim() !== '') candidates.push(b.trim().split(/\s+/));
  if (process.platform === 'darwin') candidates.push(['open']);
  else if (process.platform === 'win32') candidates.push(['cmd', '/c', 'start', '']);
  else if (env['DISPLAY'] || env['WAYLAND_DISPLAY']) candidates.push(['xdg-open']);
  for (const [cmd, ...args] of candidates) {
    if (!onPath(cmd!, env)) continue;
    const child = spawn(cmd!, [...args, target], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
    return cmd!;
  }
  return null;
}

function onPath(cmd: string, env: NodeJS.ProcessEnv): boolean {
  const dirs = cmd.includes('/') ? [''] : (env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const d of dirs) {
    try {
      accessSync(d ? join(d, cmd) : cmd, constants.X_OK);
      return true;
    } catch {
      /* next */
    }
  }
  return false;
}
