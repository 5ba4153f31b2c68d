import { describe, expect, it } from 'vitest';
import { createLineSplitter, MAX_LINE_CHARS } from '../../../src/runtimes/process/lines.js';

function split(chunks: (string | Buffer)[]): string[] {
  const lines: string[] = [];
  const splitter = createLineSplitter((l) => lines.push(l));
  for (const c of chunks) splitter.push(typeof c === 'string' ? Buffer.from(c) : c);
  splitter.end();
  return lines;
}

describe('createLineSplitter', () => {
  const euro = Buffer.from('€'); // three bytes
  it.each([
    { name: 'one chunk', chunks: ['a\nb\n'], want: ['a', 'b'] },
    { name: 'a line across chunks', chunks: ['ab', 'c\nd', 'e\n'], want: ['abc', 'de'] },
    { name: '\\r\\n across chunks', chunks: ['a\r', '\nb'], want: ['a', 'b'] },
    { name: 'unterminated tail', chunks: ['a\nrest'], want: ['a', 'rest'] },
    { name: 'unterminated tail ending in \\r', chunks: ['rest\r'], want: ['rest'] },
    { name: 'empty lines', chunks: ['\n\n'], want: ['', ''] },
    { name: 'nothing', chunks: [], want: [] },
    {
      name: 'a UTF-8 character split across chunks',
      chunks: [
        euro.subarray(0, 1),
        euro.subarray(1, 2),
        Buffer.concat([euro.subarray(2), Buffer.from('\n')]),
      ],
      want: ['€'],
    },
  ])('$name', ({ chunks, want }) => {
    expect(split(chunks)).toEqual(want);
  });

  it('cuts a line that never ends at MAX_LINE_CHARS', () => {
    const long = 'x'.repeat(MAX_LINE_CHARS * 2 + 10);
    const lines = split([long.slice(0, 1000), long.slice(1000), '\nnext\n']);
    expect(lines.map((l) => l.length)).toEqual([MAX_LINE_CHARS, MAX_LINE_CHARS, 10, 4]);
    expect(lines[3]).toBe('next');
  });
});
