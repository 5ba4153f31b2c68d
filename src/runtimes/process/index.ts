export { createProcessRuntime, type ProcessRuntimeOptions } from './runtime.js';
