/** The services proof with the process runtime. */
import { defineServiceProof } from './services-proof.js';
import { longRunning, startServiceFixture } from './services-fixtures.js';

defineServiceProof(
  () => startServiceFixture(),
  (revision) => ({
    ...longRunning(),
    environment: [{ name: 'REVISION', value: String(revision) }],
  }),
);
