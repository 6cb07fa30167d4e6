import { DEFAULTS } from '../config/defaults.js';

/**
 * The memory a protobuf profile's tables take in the JavaScript heap, counted while they are read:
 * strings, comments, locations, functions and mappings become JavaScript strings and objects, while
 * the samples go into typed arrays sized from their count (outside the heap). So the profile's own
 * counts say what it needs, whatever its size in bytes: a 4M-sample profile of a few thousand
 * functions needs little heap; 150 MB of one-byte strings or of comments would need gigabytes,
 * and is stopped as soon as its tables pass the cap, with what they hold.
 *
 * Costs per item, from V8's object layout on 64-bit Node (a little above it, on purpose): a
 * string's header and array slot about 40 bytes plus its characters (two bytes each at worst); a
 * comment an array slot in the decoder and another in the profile, with its line in the reports;
 * a location or function its decoded object and the profile's.
 */
const STRING = 40;
const COMMENT = 40;
const TABLE_ROW = 240;

const mb = (n: number) => Math.ceil(n / 2 ** 20).toLocaleString('en-US');

export class TableBudgetError extends Error {}

export class TableBudget {
  private used = 0;
  private strings = 0;
  private stringBytes = 0;
  private comments = 0;
  private rows = 0;

  constructor(readonly cap: number) {}

  string(bytes: number): void {
    this.strings++;
    this.stringBytes += bytes;
    this.add(STRING + 2 * bytes);
  }

  comment(): void {
    this.comments++;
    this.add(COMMENT);
  }

  /** A location, function or mapping. */
  row(): void {
    this.rows++;
    this.add(TABLE_ROW);
  }

  private add(n: number): void {
    this.used += n;
    if (this.used > this.cap) {
      throw new TableBudgetError(
        `profile too large: its tables need more than ${mb(this.cap)} MB of memory (so far ${this.strings.toLocaleString('en-US')} strings of ${mb(this.stringBytes)} MB, ` +
          `${this.comments.toLocaleString('en-US')} comments, ${this.rows.toLocaleString('en-US')} locations, functions and mappings); ` +
          `the cap is ${mb(DEFAULTS.maxTableHeap)} MB or 40% of Node's heap limit, whichever is smaller`,
      );
    }
  }
}

let cap = DEFAULTS.maxTableHeap;

/** Sets the cap from Node's heap limit (the CLI does, see ingest/load.ts): 40% of it at most. */
export function setTableHeapLimit(heapLimit: number): void {
  cap = Math.min(DEFAULTS.maxTableHeap, heapLimit * 0.4);
}

export function newTableBudget(): TableBudget {
  return new TableBudget(cap);
}
