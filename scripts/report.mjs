// `npm run report -- ARGS`: the built command on ARGS, from a clone. It builds only when there is no
// build yet (its output goes to stderr), so standard output carries the command's output alone;
// run it as `npm run -s report -- …` (or `npx gen-report …`, `node dist/bin/cli.js …`) so that npm
// prints no `> gen-report@… report` banner there either.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'bin', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('gen-report: no build yet, running npm run build first (once)\n');
  const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
// npm runs scripts in the package root; the user's paths are relative to where npm was started.
const r = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.env['INIT_CWD'] ?? process.cwd() });
if (r.signal) process.kill(process.pid, r.signal);
process.exit(r.status ?? 1);
