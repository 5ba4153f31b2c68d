export {
  createDockerRuntime,
  DockerUnavailableError,
  type DockerRuntimeOptions,
} from './runtime.js';
