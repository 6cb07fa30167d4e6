import { inflateChecked, KEEP_INFLATED, type ChunkConsumer, type Inflated } from './gunzip.js';
import { ProtoDecoder } from '../ingest/proto-fast.js';
import { sniff } from '../ingest/sniff.js';
import { notAProfile } from '../ingest/not-a-profile.js';

/**
 * Inflates gzip profile data (see `inflateChecked`); a protobuf profile is decoded while it
 * inflates, by a `ProtoDecoder` fed chunk by chunk — `decoder` in the result, for `parseProfile`.
 * Other content is collected as it comes. Same bytes, same run: the CLI starts it early.
 */
export async function inflateProfile(bytes: Uint8Array, maxInflate: number): Promise<Inflated & { decoder: ProtoDecoder | null }> {
  const r = await inflateChecked(bytes, maxInflate, KEEP_INFLATED, decodeProto);
  return { ...r, decoder: r.consumer instanceof ProtoDecoder ? r.consumer : null };
}

function decodeProto(first: Uint8Array, sizeHint: number): ChunkConsumer | null {
  return sniff(first) === 'proto' && !notAProfile(first) ? new ProtoDecoder(sizeHint) : null;
}
