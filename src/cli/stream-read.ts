import { InputError } from '../errors.js';
import { sniff } from '../ingest/sniff.js';
import { formatSize } from '../util/size.js';

/** Bytes looked at before the rest of a stream is read: enough for sniff's 256-byte window. */
const LOOK = 4096;

/**
 * Reads a stream of unknown length (stdin, a FIFO, a device such as /dev/zero), stopping at
 * `maxBytes` (--max-inflate) and, without reading on, as soon as its first bytes show that it cannot
 * be a profile: a NUL first byte (a protobuf field key is never 0; no text or gzip profile starts
 * so), text of no known profile format, or an HTML page. What was read is returned then, and the
 * parser refuses it with its usual message (it decides from the same first bytes). So endless zeros
 * stop at once instead of after a gigabyte held in memory.
 */
export async function readCapped(chunks: AsyncIterable<Uint8Array>, name: string, maxBytes: number): Promise<Uint8Array> {
  const got: Uint8Array[] = [];
  let n = 0;
  let looked = false;
  for await (const c of chunks) {
    n += c.length;
    if (n > maxBytes) throw new InputError(name, `more than ${formatSize(maxBytes)} (raise --max-inflate to allow it)`);
    got.push(c);
    if (!looked && n >= LOOK) {
      looked = true;
      if (hopeless(Buffer.concat(got))) break;
    }
  }
  return Buffer.concat(got);
}

function hopeless(head: Uint8Array): boolean {
  if (head[0] === 0) return true;
  const kind = sniff(head);
  return kind === 'text' || kind === 'html';
}
