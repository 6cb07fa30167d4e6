/** Byte counts for messages: `1 GiB`, `512 MiB`, `1.5 MiB`, `300 bytes`. */
export function formatSize(n: number): string {
  const units: [number, string][] = [
    [2 ** 40, 'TiB'],
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  for (const [u, name] of units) {
    if (n >= u) {
      const v = n / u;
      return `${Number.isInteger(v) ? v : v.toFixed(1)} ${name}`;
    }
  }
  return n === 1 ? '1 byte' : `${n} bytes`;
}
