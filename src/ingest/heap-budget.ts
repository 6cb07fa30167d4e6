// The memory check of text and JSON profiles (legacy heap text, V8 profiles): their parsers make
// JavaScript strings and objects in proportion to the input's size, so the size is the measure.
// Protobuf profiles are checked from their own counts instead (table-budget.ts).

/**
 * JS heap a report needs per byte of (inflated) profile: the worst case is a protobuf of many
 * shallow samples with the typed-array decoder (README, Performance, gives the peak heap seen); text
 * and JSON need about as much (a line or a JSON node per frame). Conservative on purpose.
 */
export const HEAP_BYTES_PER_INPUT_BYTE = 20;

/**
 * Refuses input whose report would not fit in the JS heap: V8 running out of memory is a crash
 * that no handler can catch, so say it up front, with the sizes and the way to allow more.
 */
export function checkHeapBudget(profileBytes: number, heapLimit: number): void {
  const need = profileBytes * HEAP_BYTES_PER_INPUT_BYTE;
  if (need <= heapLimit * 0.9) return;
  const mb = (n: number) => Math.ceil(n / 2 ** 20);
  throw new Error(
    `profile too large for this process: ${mb(profileBytes)} MB of profile data need about ${mb(need)} MB of memory, ` +
      `over Node's heap limit of ${mb(heapLimit)} MB (raise it with NODE_OPTIONS=--max-old-space-size=${Math.ceil(mb(need) / 0.9)})`,
  );
}
