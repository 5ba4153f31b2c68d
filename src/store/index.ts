export * from './types.js';
export type * from './log-events.js';
export { openStore, type OpenStoreOptions } from './open.js';
export { createMemoryStore } from './memory/index.js';
export { openSqliteStore, SchemaTooNewError, type SqliteStoreOptions } from './sqlite/index.js';
export { StorageFaultError, isStorageFault, type StorageFaultKind } from './fault.js';
