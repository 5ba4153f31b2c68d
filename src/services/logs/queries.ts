/**
 * CloudWatch Logs' read model: how many log groups a scope has, and the feed of appended
 * events a live tail listens to (every write path announces its events there).
 */
import type { Scope, Store } from '../../store/types.js';
import { logAppendFeed, type LogAppendFeed } from './append-feed.js';
import { GROUPS } from './records.js';

export class LogQueries {
  constructor(private readonly store: Store) {}

  countGroups(scope: Scope): Promise<number> {
    return this.store.collection(GROUPS).count(scope);
  }

  appendFeed(): LogAppendFeed {
    return logAppendFeed(this.store.logEvents);
  }
}
