/**
 * What Fargate (platform 1.4: containerd and runc 1.1) writes before runc's own message
 * when a container cannot start. Both runtimes use it, so a failed start reads the same on
 * the process runtime, on Docker, on Podman and on AWS.
 */
export const RUNC_CREATE =
  'CannotStartContainerError: ResourceInitializationError: failed to create new container ' +
  'runtime task: failed to create shim task: OCI runtime create failed: runc create failed: ';
