/**
 * Tasks reach teiki at the address their runtime gives them (the docker runtime's
 * containers at their network's gateway, not at loopback) or at `--task-host`: when teiki
 * listens on another address only (loopback by default), a second listener serves the
 * same app to them.
 *
 * It cannot bind the gateway address itself: Podman creates its bridge, and the address,
 * only while a container is on it, so at start-up the address does not exist yet. It
 * binds every address on a port of its own instead (teiki's port is taken on loopback,
 * and Linux refuses a wildcard bind beside it) and closes, unanswered, every connection
 * that was not made to the gateway address: what reaches it from elsewhere gets nothing.
 */
import type { Logger } from '../../engine/log.js';
import type { GatewayApp } from '../app.js';
import { startHttpServer, type HttpServer } from './server.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** Whether teiki's own listener already answers on every address. */
export function listensEverywhere(host: string): boolean {
  return WILDCARDS.has(host);
}

export async function listenForTasks(options: {
  app: GatewayApp;
  /** The address the tasks reach the host at: the only one served. */
  taskAddress: string;
  logger: Logger;
}): Promise<HttpServer | undefined> {
  const { taskAddress } = options;
  try {
    const server = await startHttpServer({
      host: taskAddress.includes(':') ? '::' : '0.0.0.0',
      port: 0,
      logger: options.logger,
      acceptLocalAddress: (address) => address === taskAddress,
    });
    server.serve(options.app);
    options.logger.info('listening for tasks at their gateway address', {
      address: taskAddress,
      port: server.port,
    });
    return server;
  } catch (error) {
    options.logger.warn(
      'tasks cannot call teiki back: no port to listen for them on (their metadata and ' +
        'credentials endpoints and AWS_ENDPOINT_URL will not answer)',
      { address: taskAddress, error: (error as Error).message },
    );
    return undefined;
  }
}
