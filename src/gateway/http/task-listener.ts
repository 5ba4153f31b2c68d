/**
 * The docker runtime's containers reach the host at their network's gateway address, not
 * at loopback: when teiki listens on a loopback address (the default), a second listener
 * on that gateway address and teiki's port serves the same app, so a container's metadata
 * and credentials endpoints and AWS_ENDPOINT_URL answer. Only the host and the engine's
 * containers have that address. Failing to listen there is not fatal: teiki runs, its
 * tasks just cannot call it back, and the log says so.
 */
import type { Logger } from '../../engine/log.js';
import type { GatewayApp } from '../app.js';
import { startHttpServer, type HttpServer } from './server.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

export async function listenForTasks(options: {
  app: GatewayApp;
  /** Where teiki listens already. */
  host: string;
  port: number;
  /** Where the tasks reach the host; undefined when they cannot. */
  taskAddress: string | undefined;
  logger: Logger;
}): Promise<HttpServer | undefined> {
  const { taskAddress } = options;
  if (taskAddress === undefined || WILDCARDS.has(options.host) || taskAddress === options.host)
    return undefined;
  try {
    const server = await startHttpServer({
      host: taskAddress,
      port: options.port,
      logger: options.logger,
    });
    server.serve(options.app);
    options.logger.info('listening for tasks at their gateway address', { url: server.url });
    return server;
  } catch (error) {
    options.logger.warn(
      "tasks cannot call teiki back: it could not listen at their network's gateway address " +
        '(their metadata and credentials endpoints and AWS_ENDPOINT_URL will not answer); ' +
        'start teiki with --host 0.0.0.0 to listen on every address',
      { address: taskAddress, port: options.port, error: (error as Error).message },
    );
    return undefined;
  }
}
