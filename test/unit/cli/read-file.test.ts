import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEarly, readFileCapped } from '../../../src/cli/read-file.js';

describe('readEarly: a head start for the first input, same results as the regular read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gr-early-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'p.pb');
  writeFileSync(file, 'abc');

  it('the early bytes are handed over once; a second read reads again', async () => {
    readEarly(file, 1000);
    writeFileSync(file, 'xyz'); // changed after the early read: the first read still sees 'abc'
    expect(Buffer.from(await readFileCapped(file, 1000)).toString()).toBe('abc');
    expect(Buffer.from(await readFileCapped(file, 1000)).toString()).toBe('xyz');
  });
  it('a different cap reads again, with that cap', async () => {
    readEarly(file, 1000);
    await expect(readFileCapped(file, 2)).rejects.toThrow(/over the --max-inflate limit/);
  });
  it('a large file is read on the thread pool: the same bytes, handed over once', async () => {
    const big = join(dir, 'big.pb');
    const content = Buffer.alloc(3 * 1024 * 1024 + 17, 'a pattern of 29 bytes, again ');
    writeFileSync(big, content);
    readEarly(big, 10 * 1024 * 1024);
    const first = await readFileCapped(big, 10 * 1024 * 1024);
    expect(Buffer.from(first).equals(content)).toBe(true);
    const second = await readFileCapped(big, 10 * 1024 * 1024);
    expect(second === first).toBe(false);
    expect(Buffer.from(second).equals(content)).toBe(true);
  });
  it('problems are left to the regular read', async () => {
    const missing = join(dir, 'missing.pb');
    expect(() => readEarly(missing, 1000)).not.toThrow();
    await expect(readFileCapped(missing, 1000)).rejects.toThrow(/no such file/);
    expect(() => readEarly(dir, 1000)).not.toThrow();
    await expect(readFileCapped(dir, 1000)).rejects.toThrow(/is a directory/);
  });
});
