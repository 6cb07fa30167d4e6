/**
 * A small JSON Schema (2020-12) validator for the subset docs/report.schema.json uses. It refuses
 * any keyword it does not implement, so a typo in the schema ("requried") fails the test instead
 * of silently validating nothing.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$id', 'title', 'description', '$defs',
  'type', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'items', '$ref', 'anyOf', 'minimum', 'pattern',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

/** Returns the list of errors ("$.path: problem"); empty when `value` is valid. */
export function validate(root: Schema, value: unknown): string[] {
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref);
    const s = m ? (root['$defs'] as Record<string, Schema> | undefined)?.[m[1]!] : undefined;
    if (!s) throw new Error(`unresolvable $ref ${ref}`);
    return s;
  };
  const check = (s: Schema, v: unknown, path: string, errors: string[]): void => {
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`schema keyword ${k} at ${path} is not supported by this validator`);
    if (s['$ref'] !== undefined) check(resolve(s['$ref'] as string), v, path, errors);
    if (s['type'] !== undefined) {
      const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
      if (!types.some((t) => typeMatches(v, t))) {
        errors.push(`${path}: want ${types.join('|')}, got ${typeOf(v)}`);
        return;
      }
    }
    if ('const' in s && v !== s['const']) errors.push(`${path}: want ${JSON.stringify(s['const'])}, got ${JSON.stringify(v)}`);
    if (s['enum'] !== undefined && !(s['enum'] as unknown[]).includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in ${JSON.stringify(s['enum'])}`);
    if (s['minimum'] !== undefined && typeof v === 'number' && v < (s['minimum'] as number)) errors.push(`${path}: ${v} < minimum ${String(s['minimum'])}`);
    if (s['pattern'] !== undefined && typeof v === 'string' && !new RegExp(s['pattern'] as string, 'u').test(v)) errors.push(`${path}: ${JSON.stringify(v)} does not match ${String(s['pattern'])}`);
    if (s['anyOf'] !== undefined) {
      const ok = (s['anyOf'] as Schema[]).some((sub) => {
        const e: string[] = [];
        check(sub, v, path, e);
        return e.length === 0;
      });
      if (!ok) errors.push(`${path}: matches none of anyOf`);
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (s['properties'] ?? {}) as Record<string, Schema>;
      for (const r of (s['required'] ?? []) as string[]) if (!(r in obj)) errors.push(`${path}: missing ${r}`);
      for (const [k, sub] of Object.entries(obj)) {
        if (props[k]) check(props[k]!, sub, `${path}.${k}`, errors);
        else if (s['additionalProperties'] === false) errors.push(`${path}: unexpected property ${k}`);
      }
    }
    if (Array.isArray(v) && s['items'] !== undefined) v.forEach((x, i) => check(s['items'] as Schema, x, `${path}[${i}]`, errors));
  };
  const errors: string[] = [];
  check(root, value, '$', errors);
  return errors;
}
