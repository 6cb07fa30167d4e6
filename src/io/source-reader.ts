import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { splitList, trimSourcePath } from '../util/trim-path.js';

/** The largest source file --list reads (a generated file of more is shown as an error). */
export const MAX_SOURCE_BYTES = 64 * 2 ** 20;

/**
 * pprof's sourceReader: finds a profile's source file (trimmed with --trim_path, searched in each
 * --source_path directory and its parents) and serves its lines, cached; remembers why a file
 * could not be read. The paths come from the profile, which is untrusted: only regular files (and
 * directories, which fail to read as in pprof) of at most MAX_SOURCE_BYTES are read; a FIFO or a
 * device (`/dev/zero`, `/dev/stdin`) would block forever or read without end.
 */
export class SourceReader {
  private readonly files = new Map<string, string[]>();
  private readonly errors = new Map<string, string>();

  constructor(
    private readonly searchPath: string,
    private readonly trimPath: string,
  ) {}

  /** Line `lineno` (1-based) of `path`, or undefined past the end or when the file is missing. */
  line(path: string, lineno: number): string | undefined {
    let lines = this.files.get(path);
    if (!lines) {
      lines = [''];
      try {
        const file = this.open(path);
        const st = statSync(file);
        if (!st.isFile() && !st.isDirectory()) throw new Error(`open ${file}: not a regular file`);
        if (st.size > MAX_SOURCE_BYTES) throw new Error(`open ${file}: larger than ${MAX_SOURCE_BYTES / 2 ** 20} MiB`);
        const text = readFileSync(file, 'utf8');
        const all = text.split('\n');
        if (all[all.length - 1] === '') all.pop();
        for (const l of all) lines.push(l.endsWith('\r') ? l.slice(0, -1) : l); // no spread: a file can have 100k lines
      } catch (e) {
        this.errors.set(path, (e as Error).message);
      }
      this.files.set(path, lines);
    }
    return lineno > 0 && lineno < lines.length ? lines[lineno] : undefined;
  }

  /** Why `path` could not be read ("could not find file … on path …"), if it could not. */
  error(path: string): string | undefined {
    return this.errors.get(path);
  }

  /** pprof's openSourceFile: the path to read, or an Error with pprof's message. */
  private open(path: string): string {
    path = trimSourcePath(path, this.trimPath, this.searchPath);
    if (isAbsolute(path)) {
      if (!existsSync(path)) throw new Error(`open ${path}: no such file or directory`);
      return path;
    }
    for (let dir of splitList(this.searchPath)) {
      for (;;) {
        const file = join(dir, path);
        if (existsSync(file) && statSync(file).isFile()) return file;
        const parent = dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
    throw new Error(`could not find file ${path} on path ${this.searchPath}`);
  }
}
