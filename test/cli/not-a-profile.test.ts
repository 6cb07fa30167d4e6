import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const SAMPLE = `${ROOT}samples/allocs.pb.gz`;
const dir = mkdtempSync(join(tmpdir(), 'gen-report-notprof-'));
const write = (name: string, data: Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const textOfSample = runCli([SAMPLE, '--text']).stdout;

/** A minimal PE image: DOS header with "MZ", e_lfanew = 0x80, "PE\0\0" there. */
function pe(): Buffer {
  const b = Buffer.alloc(0x200);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}
const macho = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01]), Buffer.alloc(200)]);

describe('a program binary among the inputs (pprof: `pprof ./server heap.prof`)', () => {
  for (const [name, bin] of [
    ['ELF', readFileSync('/bin/true')],
    ['Mach-O', macho],
    ['PE', pe()],
  ] as const) {
    it(`${name}: skipped with one note, the run goes on`, () => {
      const p = write(`server-${name}`, bin);
      const r = runCli([p, SAMPLE, '--text']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(`gen-report: note: ${p} is a program binary (${name}): skipped, the function names come from the profile\n`);
      expect(r.stdout).toBe(textOfSample);
    });
  }
  it('a binary alone is refused in one line, exit 2', () => {
    const p = write('alone', readFileSync('/bin/true'));
    const r = runCli([p, '--text']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`gen-report: ${p}: a program binary (ELF), not a profile: give the profile (it carries the function names)\n`);
  });
});

describe('other files that are not profiles: "unrecognized profile format (looks like …)", exit 2, nothing written', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(40)]);
  const tar = Buffer.alloc(1024);
  tar.write('heap.pb.gz', 0, 'latin1');
  tar.write('ustar\u000000', 257, 'latin1');
  tar.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += tar[i]!;
  tar.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  const cases: [string, Buffer, string][] = [
    ['shot.png', png, 'PNG'],
    ['photo.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60)]), 'JPEG'],
    ['anim.gif', Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(60)]), 'GIF'],
    ['doc.pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), 'PDF'],
    ['profiles.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), Buffer.alloc(60)]), 'zip'],
    ['profiles.tar', tar, 'tar'],
    ['profiles.tar.gz', gzipSync(tar), 'tar'],
  ];
  for (const [name, data, kind] of cases) {
    it(`${name} → looks like ${kind}`, () => {
      const p = write(name, data);
      const out = mkdtempSync(join(tmpdir(), 'gen-report-notprof-out-'));
      const r = runCli([p, '--dot', '--out-dir', out]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`gen-report: ${p}: unrecognized profile format (looks like ${kind})\n`);
      expect(readdirSync(out)).toEqual([]);
    });
  }
  it('next to a real profile, a PNG is still an error (only program binaries are skipped)', () => {
    const p = write('mistake.png', cases[0]![1]);
    const r = runCli([SAMPLE, p, '--text']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${p}: unrecognized profile format (looks like PNG)\n`);
  });
});
