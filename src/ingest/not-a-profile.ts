/**
 * Files people pass by mistake, told apart by their magic numbers: a program binary (pprof's
 * walkthroughs put it before the profile: `pprof ./server heap.prof`) and the common formats that
 * are not profiles at all. Checked only where the bytes would otherwise be decoded as protobuf,
 * so that the answer is "looks like PNG", not a protobuf decoder's complaint.
 */

export interface Foreign {
  /** A program binary is skipped (its symbols are in the profile already); anything else is an error. */
  program: boolean;
  /** What it looks like: "ELF", "PNG", "zip"… */
  name: string;
}

interface Magic {
  name: string;
  program?: boolean;
  at?: number;
  bytes: number[] | string;
  /** Further check on the whole head (magic numbers shared by two formats). */
  also?: (b: Uint8Array) => boolean;
}

const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

const MAGICS: readonly Magic[] = [
  { name: 'ELF', program: true, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'Mach-O', program: true, bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { name: 'Mach-O', program: true, bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { name: 'Mach-O', program: true, bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O', program: true, bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  // A universal binary's next word is its (small) count of architectures; a Java class file's is
  // its version (major ≥ 45).
  { name: 'Mach-O', program: true, bytes: [0xca, 0xfe, 0xba, 0xbe], also: (b) => b.length >= 8 && u32be(b, 4) < 40 },
  { name: 'Java class', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  // PE: the DOS stub's "MZ" and, at the offset stored at 0x3c, "PE\0\0".
  { name: 'PE', program: true, bytes: 'MZ', also: isPe },
  { name: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', bytes: 'GIF8' },
  { name: 'WebP', bytes: 'RIFF', also: (b) => ascii(b, 8, 'WEBP') },
  { name: 'PDF', bytes: '%PDF-' },
  { name: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'tar', at: 257, bytes: 'ustar', also: tarChecksumOk },
  { name: 'bzip2', bytes: 'BZh', also: (b) => b[3]! >= 0x31 && b[3]! <= 0x39 },
  { name: 'xz', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'SQLite', bytes: 'SQLite format 3\0' },
  { name: 'WebAssembly', bytes: [0x00, 0x61, 0x73, 0x6d] },
];

function ascii(b: Uint8Array, at: number, s: string): boolean {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

function isPe(b: Uint8Array): boolean {
  if (b.length < 0x40) return false;
  const off = b[0x3c]! + (b[0x3d]! << 8) + (b[0x3e]! << 16) + (b[0x3f]! << 24);
  return off >= 0x40 && off + 4 <= b.length ? ascii(b, off, 'PE\0\0') : off >= 0x40 && off < 4096;
}

/** A tar header's checksum: the byte sum of its 512 bytes with the checksum field read as spaces. */
function tarChecksumOk(b: Uint8Array): boolean {
  if (b.length < 512) return false;
  const field = String.fromCharCode(...b.subarray(148, 156)).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]+$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : b[i]!;
  return sum === parseInt(field, 8);
}

function matches(b: Uint8Array, m: Magic): boolean {
  const at = m.at ?? 0;
  if (typeof m.bytes === 'string') {
    if (!ascii(b, at, m.bytes)) return false;
  } else {
    if (b.length < at + m.bytes.length) return false;
    for (let i = 0; i < m.bytes.length; i++) if (b[at + i] !== m.bytes[i]) return false;
  }
  return m.also ? m.also(b) : true;
}

/** What the first bytes (a few hundred are enough) look like, when it is a known non-profile format. */
export function notAProfile(head: Uint8Array): Foreign | null {
  for (const m of MAGICS) if (matches(head, m)) return { program: m.program === true, name: m.name };
  return null;
}

/** The one-line problem for bytes that are not a profile. */
export function unrecognizedMessage(f: Foreign): string {
  if (f.program) return `a program binary (${f.name}), not a profile: give the profile (it carries the function names)`;
  return `unrecognized profile format (looks like ${f.name})`;
}
