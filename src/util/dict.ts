/**
 * Dictionaries keyed by a profile's strings (label keys, file names, sample type names) or a
 * user's words. A plain `{}` answers keys it never got: `constructor`, `toString`, `__proto__`
 * come from Object.prototype, and assigning `__proto__` replaces the prototype instead of adding
 * a key. So a label keyed `constructor` would read as a function, or a key would vanish.
 * `dict()` has no prototype: it holds exactly the keys put in it. `own()` reads one key of any
 * such object (also of one that lost its null prototype: structuredClone, JSON.parse and spread
 * make plain objects) without the prototype answering.
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `d[k]` when `d` has `k` as its own key, else undefined. */
export function own<T>(d: Readonly<Record<string, T>>, k: string): T | undefined {
  return Object.hasOwn(d, k) ? d[k] : undefined;
}

/** A dictionary with `entries`' keys and values, as `dict()` makes them. */
export function dictOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const d = dict<T>();
  for (const [k, v] of entries) d[k] = v;
  return d;
}
