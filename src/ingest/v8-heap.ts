import type { Profile } from '../model/profile.js';
import { SamplesBuilder } from '../model/samples-builder.js';
import { FrameTable, isCallFrame, isNum, isSafeQuantity, MAX_V8_DEPTH, parseV8Json, v8Profile, type CallFrame } from './v8-frames.js';

// V8 sampling heap profiles: what `node --heap-prof` writes (`*.heapprofile`), Chrome DevTools'
// "Allocation sampling" saves, and the inspector's HeapProfiler.stopSampling answers. A tree of
// call frames from `head`, each node with `selfSize`: the bytes of its sampled allocations, scaled
// by V8 to estimate all allocations (what DevTools shows as Self Size); `samples` lists the sampled
// allocations (node and scaled size). With V8's default flags a sample is dropped when its object is
// collected: the profile holds what is live when it is taken.

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  id: number;
  children: HeapNode[];
}

const ROOT = '(root)';

export function parseV8HeapProfile(text: string): Profile {
  const o = parseV8Json(text, 'V8 heap profile');
  const head = o['head'];
  if (!isNode(head)) throw new Error('V8 heap profile: "head" is not a node with a callFrame, selfSize, id and children');
  const samples = o['samples'] ?? [];
  if (!Array.isArray(samples)) throw new Error('V8 heap profile: "samples" is not an array');

  // Sampled allocations per node id.
  const sampled = new Map<number, number>();
  for (const s of samples) {
    const id = (s as { nodeId?: unknown } | null)?.nodeId;
    if (!isNum(id)) throw new Error('V8 heap profile: a sample without a nodeId');
    sampled.set(id, (sampled.get(id) ?? 0) + 1);
  }

  const frames = new FrameTable();
  const builder = new SamplesBuilder(2);
  const seen = new Set<number>();
  // Depth first, with the stack of locations from the root down (the root itself is not a frame).
  const rootIsFrame = head.callFrame.functionName !== ROOT;
  const todo: { node: HeapNode; depth: number }[] = [{ node: head, depth: 0 }];
  const path: number[] = [];
  while (todo.length > 0) {
    const { node, depth } = todo.pop()!;
    if (!isNode(node)) throw new Error('V8 heap profile: a node without a callFrame, selfSize, id and children');
    if (seen.has(node.id)) throw new Error(`V8 heap profile: node id ${node.id} appears twice`);
    if (!isSafeQuantity(node.selfSize)) throw new Error(`V8 heap profile: node ${node.id} has a selfSize beyond 2^53 bytes`);
    seen.add(node.id);
    if (depth >= MAX_V8_DEPTH) throw new Error(`V8 heap profile: a stack deeper than ${MAX_V8_DEPTH} frames`);
    path.length = depth;
    if (node !== head || rootIsFrame) path.push(frames.locationOf(node.callFrame));
    const count = sampled.get(node.id) ?? 0;
    if (node.selfSize !== 0 || count !== 0) {
      const stack = path.length > 0 ? [...path].reverse() : [frames.locationOf(node.callFrame)];
      builder.add(stack, [count, node.selfSize]);
    }
    for (let c = node.children.length - 1; c >= 0; c--) todo.push({ node: node.children[c]!, depth: path.length });
  }
  for (const id of sampled.keys()) if (!seen.has(id)) throw new Error(`V8 heap profile: a sample names an unknown node ${id}`);

  return v8Profile({
    format: 'v8-heap',
    value: { type: 'inuse_space', unit: 'bytes' },
    periodType: { type: 'space', unit: 'bytes' },
    period: 0,
    durationNanos: 0,
    frames,
    samples: builder.finish(),
    note: "V8 sampling heap profile: bytes of the sampled allocations live when it was taken, scaled by V8 (DevTools' Self Size); samples counts the sampled allocations",
  });
}

function isNode(n: unknown): n is HeapNode {
  const h = n as Partial<HeapNode> | null;
  return !!h && typeof h === 'object' && isCallFrame(h.callFrame) && isNum(h.selfSize) && isNum(h.id) && Array.isArray(h.children);
}
