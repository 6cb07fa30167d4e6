import { describe, expect, it } from 'vitest';
import { compileGoRegexp, quoteMeta } from '../../../src/util/go-regexp.js';

describe('quoteMeta (Go regexp.QuoteMeta)', () => {
  it("escapes Go's metacharacters as Go does", () => {
    // Go: regexp.QuoteMeta(`a.b+c*d?e(f)g|h[i]j{k}l^m$n\o`)
    expect(quoteMeta('a.b+c*d?e(f)g|h[i]j{k}l^m$n\\o')).toBe('a\\.b\\+c\\*d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o');
    expect(quoteMeta('main.(*DB).conn-x/y_z')).toBe('main\\.\\(\\*DB\\)\\.conn-x/y_z');
  });

  it('gives a pattern that matches the name itself and not a look-alike', () => {
    for (const name of ['database/sql.(*DB).conn', 'a[0]{1}|b', 'x^y$z\\w', 'σ.π+']) {
      const re = compileGoRegexp(`^${quoteMeta(name)}$`);
      expect(re.test(name)).toBe(true);
      expect(re.test(`${name}x`)).toBe(false);
      expect(re.test(name.replace(/\./g, 'X'))).toBe(name.includes('.') ? false : true);
    }
  });
});
