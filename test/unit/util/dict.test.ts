import { describe, expect, it } from 'vitest';
import { dict, dictOf, own } from '../../../src/util/dict.js';

const KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe('dict', () => {
  it('answers only the keys put in it; __proto__ is a key like any other', () => {
    const d = dict<string[]>();
    for (const k of KEYS) expect(d[k], k).toBeUndefined();
    for (const k of KEYS) (d[k] ??= []).push(k);
    expect(Object.keys(d)).toEqual(KEYS);
    for (const k of KEYS) expect(d[k], k).toEqual([k]);
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype); // nothing changed the prototype of everything
    expect(dictOf([['__proto__', 1]])).toEqual(Object.assign(dict(), { ['__proto__']: 1 }));
  });

  it('own() reads a key without the prototype answering, also once cloned or parsed into a plain object', () => {
    const d = dictOf<number>([['constructor', 1], ['__proto__', 2]]);
    for (const copy of [d, structuredClone(d), JSON.parse(JSON.stringify(d)) as Record<string, number>]) {
      expect(own(copy, 'constructor')).toBe(1);
      expect(own(copy, '__proto__')).toBe(2);
      expect(own(copy, 'toString')).toBeUndefined();
      expect(own(copy, 'hasOwnProperty')).toBeUndefined();
    }
    expect(own({}, 'constructor')).toBeUndefined();
  });
});
