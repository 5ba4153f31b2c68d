/** The services proof with the docker runtime (Podman here): real containers kept running. */
import { TEST_IMAGE } from '../../runtimes/docker/engine-fixtures.js';
import { ECR_IMAGE } from './docker-fixtures.js';
import { defineServiceProof } from './services-proof.js';
import { longRunning, startServiceFixture } from './services-fixtures.js';

defineServiceProof(
  () =>
    startServiceFixture([
      '--in-memory',
      '--runtime',
      'docker',
      '--docker-network',
      'none',
      '--image-map',
      `${ECR_IMAGE}=${TEST_IMAGE}`,
    ]),
  (revision) => ({
    ...longRunning(ECR_IMAGE),
    environment: [{ name: 'REVISION', value: String(revision) }],
  }),
);
