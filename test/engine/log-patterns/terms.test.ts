import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../../src/engine/log-patterns/index.js';
import { matches, matching } from './helpers.js';

type Case = [pattern: string, message: string, expected: boolean];

describe('unstructured terms', () => {
  const cases: Case[] = [
    // A single term is a case-sensitive substring.
    ['ERROR', '[ERROR] A fatal exception has occurred', true],
    ['ERROR', 'Exiting with ERRORCODE: -1', true],
    ['ERROR', 'ERRORNEOUS PROGRAM', true],
    ['ERROR', 'error=cannot process ticket', false],
    ['ERROR', 'Error: entity not found!', false],
    ['ERROR', 'NotFoundError', false],
    ['ERROR', 'ErRoR', false],
    ['error', 'rpc error', true],
    ['404', 'GET /x 404 12ms', true],
    ['under_score', 'an under_score here', true],
    ['under_score', 'an under score here', false],
    // Several terms: all must occur, anywhere, in any order.
    ['ERROR Exception', '[ERROR] Caught IllegalArgumentException', true],
    ['ERROR Exception', '[ERROR] Unhandled Exception', true],
    ['ERROR Exception', 'Exception before ERROR', true],
    ['ERROR Exception', '[ERROR] nothing else', false],
    ['Failed to process the request', '[WARN] Failed to process the request', true],
    ['Failed to process the request', 'the request to process Failed', true],
    ['Failed to process the request', 'Failed to process', false],
    ['  ERROR   Exception  ', 'ERROR Exception', true],
    ['ERROR\tException', 'ERROR Exception', true],
    // Quoted phrases are matched as written, spaces and symbols included.
    ['"user not found"', 'lookup: user not found (id=4)', true],
    ['"user not found"', 'user was not found', false],
    ['"[ERROR]"', '2024 [ERROR] boom', true],
    ['"[ERROR]"', '2024 ERROR boom', false],
    ['"ERROR][grpc"', '2025-03-28 [ERROR][grpc] failed', true],
    ['"ERROR][grpc"', '[ERROR] [grpc]', false],
    ['"INTERNAL SERVER ERROR"', '[ERROR 500] INTERNAL SERVER ERROR', true],
    ['"email@example.com"', 'sent to email@example.com', true],
    ['"ORDER-ITEM-1"', 'thread ORDER-ITEM-1 done', true],
    ['"ORDER-ITEM-1"', 'thread ORDER ITEM 1 done', false],
    ['"ERROR" "Exception"', 'Exception then ERROR', true],
    ['"say \\"hi\\""', 'they say "hi"', true],
    ['"back\\\\slash"', 'a back\\slash', true],
    ['"C:\\temp"', 'path C:\\temp here', true],
    ['"ERROR"Exception', 'ERROR Exception', true],
    // Non-ASCII text is fine inside quotes.
    ['"エラー"', '処理エラーが発生', true],
    ['"エラー"', '処理に成功', false],
    ['"café"', 'au café', true],
    ['"café"', 'au cafe', false],
    ['"😀 ok"', 'status 😀 ok', true],
    // Exclusion.
    ['ERROR -Exiting', '[ERROR] A fatal exception has occurred', true],
    ['ERROR -Exiting', 'Exiting with ERRORCODE: -1', false],
    ['"ERROR" - "Exiting"', 'Exiting with ERRORCODE: -1', false],
    ['"ERROR" - "Exiting"', '[ERROR] fatal', true],
    ['ERROR -"level=DEBUG"', 'ERROR level=DEBUG x', false],
    ['ERROR -"level=DEBUG"', 'ERROR level=INFO x', true],
    ['-ERROR', 'all good', true],
    ['-ERROR', 'an ERROR', false],
    ['-ERROR -WARN', 'INFO only', true],
    ['-ERROR -WARN', 'a WARN', false],
    ['ERROR -ARGUMENTS', '[ERROR 400] BAD REQUEST', true],
    ['ERROR -ARGUMENTS', '[ERROR 419] MISSING ARGUMENTS', false],
    // `-` and `?` split words: ORDER-ITEM-1 is ORDER, -ITEM, -1.
    ['ORDER-ITEM-1', 'ORDER placed', true],
    ['ORDER-ITEM-1', 'ORDER-ITEM-1 placed', false],
    ['ORDER-ITEM-1', 'ORDER ITEM', false],
    ['ERROR?WARN', 'ERROR only', true],
    ['ERROR?WARN', 'WARN only', false],
    // OR with `?`.
    ['?ERROR ?WARN', 'ERROR message', true],
    ['?ERROR ?WARN', 'WARN message', true],
    ['?ERROR ?WARN', 'INFO message', false],
    ['?BAD ?INVALID', '[ERROR 400] BAD REQUEST', true],
    ['?BAD ?INVALID', '[ERROR 419] MISSING ARGUMENTS', false],
    ['?"clean up" ?xyz', 'map clean up', true],
    ['?"clean up" ?xyz', 'xyz', true],
    ['?"clean up" ?xyz', 'map is cleaned up', false],
    ['?"clean up" ?xyz', 'abc xy yz xz', false],
    ['?ERROR', 'an ERROR', true],
    ['? ERROR ? WARN', 'a WARN', true],
    // AWS ignores `?` terms next to other kinds of term.
    ['ERROR ?WARN', 'ERROR only', true],
    ['ERROR ?WARN', 'WARN only', false],
    ['?ERROR -DEBUG', 'INFO line', true],
    ['?ERROR -DEBUG', 'DEBUG ERROR', false],
    // Everything.
    ['', 'anything at all', true],
    ['', '', true],
    ['   ', 'anything', true],
    ['""', 'anything', true],
    ['" "', 'nospaceshere', true],
    ['ERROR ""', 'ERROR', true],
  ];

  it.each(cases)('%j on %j → %s', (pattern, message, expected) => {
    expect(matches(pattern, message)).toBe(expected);
  });

  it('matches the documented OR example', () => {
    const events = ['ERROR WARN message', 'ERROR message', 'WARN message'];
    expect(matching('ERROR', events)).toEqual(['ERROR WARN message', 'ERROR message']);
    expect(matching('?ERROR ?WARN', events)).toEqual(events);
    expect(matching('ERROR WARN', events)).toEqual(['ERROR WARN message']);
    expect(matching('ERROR -WARN', events)).toEqual(['ERROR message']);
  });

  it('matches the documented single-term and exclusion examples', () => {
    const events = ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1'];
    expect(matching('"ERROR"', events)).toEqual(events);
    expect(matching('"ERROR" - "Exiting"', events)).toEqual([events[0]]);
  });

  it('tells the kind of pattern', () => {
    expect(compileFilterPattern('').kind).toBe('all');
    expect(compileFilterPattern('  ').kind).toBe('all');
    expect(compileFilterPattern('ERROR').kind).toBe('terms');
    expect(compileFilterPattern('%ERR%').kind).toBe('terms');
    expect(compileFilterPattern('{ $.a = 1 }').kind).toBe('json');
    expect(compileFilterPattern('[a, b]').kind).toBe('space-delimited');
  });

  it('keeps the source and extracts nothing from a term match', () => {
    const p = compileFilterPattern('ERROR -WARN');
    expect(p.source).toBe('ERROR -WARN');
    expect(p.extract('ERROR here')).toEqual({});
    expect(p.extract('WARN here')).toBeUndefined();
    expect(p.valueOf('ERROR here', '$1')).toBeUndefined();
  });

  it('can be reused for many messages', () => {
    const p = compileFilterPattern('ERROR Exception -Throttling');
    const results = [
      'ERROR Exception',
      'ERROR Exception Throttling',
      'ERROR',
      'ERROR Exception',
    ].map((m) => p.matches(m));
    expect(results).toEqual([true, false, false, true]);
  });
});

describe('substrings every match contains (for a search index)', () => {
  it.each<[string, string[]]>([
    ['ERROR', ['ERROR']],
    ['ERROR Exception -Throttling', ['ERROR', 'Exception']],
    ['"ERROR 500" timeout', ['ERROR 500', 'timeout']],
    ['ORDER-ITEM', ['ORDER']],
    ['?ERROR ?WARN', []],
    ['ERROR ?WARN', ['ERROR']],
    ['%ERR[O0]R%', []],
    ['" "', []],
    ['', []],
    ['{ $.level = "error" }', []],
    ['[ip, user, status = 404]', []],
  ])('%j promises %j', (pattern, want) => {
    expect(compileFilterPattern(pattern).requiredSubstrings).toEqual(want);
  });
});
