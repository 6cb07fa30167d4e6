// Preload (node --import): writes the process's peak RSS in kB to $GEN_REPORT_MAXRSS_FILE at exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const f = process.env.GEN_REPORT_MAXRSS_FILE;
  if (f) writeFileSync(f, String(process.resourceUsage().maxRSS));
});
