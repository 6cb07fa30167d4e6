import { existsSync, readFileSync } from 'node:fs';

let cached: string | undefined;

/** gen-report's own version, from the package.json it ships with (found from this file upwards). */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  for (const rel of ['../package.json', '../../package.json']) {
    const url = new URL(rel, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'gen-report' && typeof pkg.version === 'string') return (cached = pkg.version);
  }
  return (cached = '0.0.0-unknown');
}
