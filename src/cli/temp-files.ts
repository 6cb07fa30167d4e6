/** Temp files still being written (by write.ts); a registry of its own so the entry point can clean up without loading the writer. */
export const pending = new Set<string>();

/** Temp files still being written; removed if the process is interrupted. */
export function pendingTempFiles(): string[] {
  return [...pending];
}
