import { describe, expect, it } from 'vitest';
import { completeLine } from '../../../../src/cli/interactive/completion.js';

const FUNCTIONS = ['main.query', 'main.main', 'main.main.func1', 'github.com/go-sql-driver/mysql.(*binaryRows).readRow', 'runtime.malg'];
const TYPES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];
const complete = (line: string) => completeLine(line, FUNCTIONS, TYPES);

describe('Tab completion of the interactive shell', () => {
  it('the first word: commands and option names', () => {
    expect(complete('tr')).toEqual({ word: 'tr', hits: ['traces', 'tree', 'trim', 'trim_path'] });
    expect(complete('pe')).toEqual({ word: 'pe', hits: ['peek'] });
    expect(complete('nodec')).toEqual({ word: 'nodec', hits: ['nodecount'] });
    expect(complete('noin')).toEqual({ word: 'noin', hits: ['noinlines'] });
  });
  it('sample_index= takes the profile sample types', () => {
    expect(complete('sample_index=alloc_s')).toEqual({ word: 'sample_index=alloc_s', hits: ['sample_index=alloc_space'] });
    expect(complete('focus=ma').hits).toEqual([]);
  });
  it('help takes a command or option', () => {
    expect(complete('help sample_')).toEqual({ word: 'sample_', hits: ['sample_index'] });
  });
  it("later words of a report: function names by prefix, else by pprof's substring rule, -name too", () => {
    expect(complete('list main.qu')).toEqual({ word: 'main.qu', hits: ['main.query'] });
    expect(complete('top10 main.ma')).toEqual({ word: 'main.ma', hits: ['main.main', 'main.main.func1'] });
    expect(complete('top -runtime.ma')).toEqual({ word: '-runtime.ma', hits: ['-runtime.malg'] });
    expect(complete('peek readR')).toEqual({ word: 'readR', hits: ['github.com/go-sql-driver/mysql.(*binaryRows).readRow'] });
  });
  it('no completion: tags, unknown commands, after a space', () => {
    expect(complete('tags main.qu').hits).toEqual([]);
    expect(complete('bogus main.qu').hits).toEqual([]);
    expect(complete('list ').hits).toEqual([]);
  });
});
