export * from './types.js';
export type * from './log-events.js';
export { openStore, describeStoreLocation, type StoreLocation } from './open.js';
export { createMemoryStore } from './memory/index.js';
export { openSqliteStore, SchemaTooNewError, type SqliteStoreOptions } from './sqlite/index.js';
export { StorageFaultError, isStorageFault, type StorageFaultKind } from './fault.js';
export {
  openPostgresStore,
  StoreUnavailableError,
  type PostgresStoreOptions,
} from './postgres/index.js';
