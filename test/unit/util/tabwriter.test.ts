import { describe, expect, it } from 'vitest';
import { tabwrite } from '../../../src/util/tabwriter.js';

describe("Go's tabwriter (AlignRight)", () => {
  it('aligns tab-terminated cells per column block, leaves the last cell alone', () => {
    expect(tabwrite('a:\t x\n \tbbb:\t y\n\n', { minWidth: 0, padding: 1, alignRight: true })).toBe(
      ' a: x\n    bbb: y\n\n',
    );
  });
});
