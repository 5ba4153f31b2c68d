import { describe, expect, it } from 'vitest';
import {
  compileQuery,
  requiredMessageSubstrings,
} from '../../../src/engine/logs-insights/index.js';

/** What a query promises its matching events' messages hold, for a store's search index. */
describe('requiredMessageSubstrings', () => {
  it.each<[string, string[]]>([
    ['filter @message like /ERROR/', ['ERROR']],
    ['filter @message like "ERROR"', ['ERROR']],
    ['filter @message =~ /timeout/ | stats count(*) by bin(5m)', ['timeout']],
    ['filter @message like /ERROR/ and @message like /db/', ['ERROR', 'db']],
    ['filter @message like /ERROR/ | filter @message like "disk"', ['ERROR', 'disk']],
    ['fields @timestamp, @message | filter @message like /ERROR/', ['ERROR']],
    ['filter @message like /ERROR/ or @message like /WARN/', []],
    ['filter (@message like /ERROR/ and @logStream = "a") or @message like /ERROR/', ['ERROR']],
    ['filter @message not like /ERROR/', []],
    ['filter not @message like /ERROR/', []],
    ['filter @message like /ERR(OR)?/', []],
    ['filter @message like /(?i)error/', []],
    ['filter @logStream like /web/', []],
    ['limit 10 | filter @message like /ERROR/', []],
    ['sort @timestamp desc | filter @message like /ERROR/', []],
    ['fields concat(@logStream, "x") as @message | filter @message like /ERROR/', []],
    ['parse @message "* *" as a, @message | filter @message like /ERROR/', []],
    ['fields @message', []],
  ])('%s → %j', (query, want) => {
    expect(requiredMessageSubstrings(compileQuery(query).ast.commands)).toEqual(want);
  });
});
