// The gen-report command to run next on what a workload run wrote (printed at the end of
// `npm run workload`): the final heap profile as text and HTML, and with snapshots the leak ranking
// across them. Paths are relative to `cwd` when inside it.
import path from 'node:path';

/** `files`: names in `outDir`. Returns shell command lines (names quoted when they need it). */
export function nextCommands(outDir, files, cwd = process.cwd()) {
  const rel = (f) => {
    const p = path.relative(cwd, path.join(outDir, f));
    return p.startsWith('..') ? path.join(outDir, f) : p;
  };
  const q = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const main = files.find((f) => /^heap_.*\.pb\.gz$/.test(f) && !/_snap\d+/.test(f));
  const snaps = files.filter((f) => /_snap\d+.*\.pb\.gz$/.test(f)).sort();
  const out = [];
  const report = q(rel('report'));
  if (main) out.push(`npx gen-report ${q(rel(main))} --text --html --out-dir ${report}`);
  if (snaps.length >= 2) out.push(`npx gen-report --leaks ${snaps.map((f) => q(rel(f))).join(' ')} --html --out-dir ${report}`);
  return out;
}
