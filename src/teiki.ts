/**
 * The composition root: compiles options into a running teiki (clock, store, services,
 * gateway, HTTP listener). The CLI and the tests both start teiki through here.
 */
import type { TeikiOptions } from './config.js';
import { consoleAssetRoutes } from './console/server/assets.js';
import { consoleApiRoutes } from './console/server/api/index.js';
import type { Clock } from './engine/clock/types.js';
import { silentLogger, type Logger } from './engine/log.js';
import { fireAdminRoutes } from './gateway/admin/fire.js';
import { createAdminGuard } from './gateway/admin/guard.js';
import { coreAdminRoutes, createAdminHandler } from './gateway/admin/routes.js';
import { taskEndpointRoutes } from './gateway/admin/task-endpoints.js';
import { createGatewayApp } from './gateway/app.js';
import { compileBrowserPolicy } from './gateway/browser/policy.js';
import { startHttpServer, type HttpServer } from './gateway/http/server.js';
import { listenForTasks, listensEverywhere } from './gateway/http/task-listener.js';
import { createAuthenticator } from './gateway/identity.js';
import { createInProcessCaller } from './gateway/in-process.js';
import { GatewayMetrics } from './gateway/metrics.js';
import { createAwsHandler } from './gateway/pipeline.js';
import { ServiceRegistry } from './gateway/registry.js';
import { createRuntime, taskAddressOf } from './runtimes/index.js';
import type { ServiceStateChanges } from './services/ecs/services/index.js';
import type { TaskStateChanges } from './services/ecs/tasks/index.js';
import { logMetricSeries } from './services/logs/metric-filters/series.js';
import { forgetIamEpochs } from './services/iam/epoch.js';
import { relayLogAppendsAcrossNodes } from './services/logs/node-relay.js';
import { rootCaller, type CredentialSource } from './services/credentials.js';
import { serviceQueries } from './services/queries.js';
import { triggerQueries } from './triggers/queries.js';
import { registerServices } from './register-services.js';
import { joinNode, type TeikiNode } from './node.js';
import { openStore } from './store/open.js';
import type { NodeRow } from './store/cluster.js';
import type { Store } from './store/types.js';
import { TEIKI_VERSION } from './version.js';

export interface Teiki {
  /** `http://host:port`, the endpoint to give clients. */
  url: string;
  port: number;
  options: TeikiOptions;
  clock: Clock;
  store: Store;
  /** Every ECS task state change, as AWS puts it on the default event bus. */
  taskStateChanges: TaskStateChanges;
  /** Every "ECS Service Action" and "ECS Deployment State Change" event. */
  serviceStateChanges: ServiceStateChanges;
  /** Stop accepting, finish in-flight requests, close the store. Safe to call twice. */
  close(): Promise<void>;
  /** Settles once teiki has closed, whoever asked (close(), `POST /_teiki/shutdown`). */
  closed: Promise<void>;
  /** Whether it closed because this node lost its lease to the others (see membership). */
  lostLease(): boolean;
}

export async function startTeiki(
  options: TeikiOptions,
  logger: Logger = silentLogger,
): Promise<Teiki> {
  // The port first: a teiki started twice on one port and data directory must fail before
  // it opens the store or recovers the first one's tasks (ListenError names the address).
  const server: HttpServer = await startHttpServer({
    host: options.host,
    port: options.port,
    logger,
  });
  let store: Store;
  try {
    store = await openStore(options.store);
  } catch (error) {
    await server.close();
    throw error;
  }
  let node: TeikiNode;
  try {
    node = await joinNode(options, store, logger);
  } catch (error) {
    await store.close();
    await server.close();
    throw error;
  }
  const { membership, clock } = node;
  // Before anything on this node can append a log event: a tail open on another node
  // must hear every one (this node relays them all until it knows who tails what).
  const logRelay = relayLogAppendsAcrossNodes({ logEvents: store.logEvents, membership, logger });
  const runtime = createRuntime(options, logger);
  try {
    const registry = new ServiceRegistry();
    // The port tasks call teiki back on: teiki's own, or the docker runtime's task
    // listener's once it is open (below); read when a task starts.
    let taskPort = server.port;
    const services = registerServices(registry, {
      store,
      clock,
      options,
      runtime,
      logger,
      taskPort: () => taskPort,
      membership,
      operationCaller: (authorizer) => createInProcessCaller(registry, authorizer),
    });
    const recovered = await services.ecsTasks.recover();
    if (recovered.tasks > 0 || recovered.containers > 0) {
      logger.warn('stopped tasks an earlier teiki process left running', {
        tasks: recovered.tasks,
        containers: recovered.containers,
      });
    }
    await services.triggers.start();
    await services.replays.resume();
    recovered.announce();
    await node.sharedClock?.start();
    await membership.start();
    // After recovery: the tasks an earlier process left are STOPPED, and get replaced.
    await services.ecsServices.scheduler.start();

    const rootKey: CredentialSource = (accessKeyId) =>
      accessKeyId === options.rootAccessKeyId
        ? {
            accessKeyId,
            secretAccessKey: options.rootSecretAccessKey,
            caller: rootCaller(options.accountId, accessKeyId),
          }
        : undefined;
    const credentialSources = [rootKey, ...services.credentialSources];
    const authenticator = createAuthenticator({
      mode: options.auth,
      defaultAccountId: options.accountId,
      defaultRegion: options.region,
      sources: credentialSources,
      clock,
    });

    let closing: Promise<void> | undefined;
    /** The docker runtime's tasks' own listener (gateway/http/task-listener.ts), if any. */
    const taskServers: HttpServer[] = [];
    let markClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolveClosed) => (markClosed = resolveClosed));
    const close = () =>
      (closing ??= Promise.all([server, ...taskServers].map((s) => s.close()))
        .then(() => services.ecsServices.scheduler.stop())
        .then(() => services.replays.stop())
        .then(() => services.triggers.stop())
        // Others take over this node's entries now rather than once its lease runs out.
        .then(() => {
          node.sharedClock?.close();
          services.ecsTasks.close();
          stopHearingResets();
          logRelay.stop();
          return membership.leave();
        })
        .then(() => services.ecsTasks.stopAll('teiki is shutting down'))
        .then(() => runtime.close())
        .finally(() => store.close())
        .finally(markClosed));

    // A node that lost its lease stops: others have its work, and it must not act on it.
    let lostLease = false;
    membership.onFenced(() => {
      lostLease = true;
      logger.error('stopping: restart this node to join the cluster again');
      void close().catch((error: unknown) => logger.error('shutdown failed', { error }));
    });
    // `/_teiki/reset` on any node empties the shared store: every node forgets and stops too.
    const stopHearingResets = membership.subscribe('reset', () => {
      services.triggers.reset();
      logMetricSeries(store.logEvents).clear();
      forgetIamEpochs(store);
      void services.ecsTasks.stopAll('teiki was reset');
    });

    const metrics = new GatewayMetrics();
    const admin = createAdminHandler({
      ...coreAdminRoutes({
        clock,
        metrics: {
          render: () =>
            metrics.render() +
            services.triggers.metrics.render() +
            logMetricSeries(store.logEvents).render(),
        },
        describe: async () => ({
          version: TEIKI_VERSION,
          store: store.kind,
          runtime: options.runtime,
          clock: clock.mode,
          auth: options.auth,
          services: registry.all().map((s) => s.schema.name),
          // What each service implements, by AWS operation name (the README's table).
          operations: Object.fromEntries(
            registry.all().map((s) => [s.schema.name, Object.keys(s.operations).sort()]),
          ),
          node: membership.nodeId,
          nodes: describeNodes(membership.runnerId, await membership.nodes()),
        }),
        reset: async () => {
          await services.ecsServices.scheduler.suspend();
          await services.replays.stop();
          services.triggers.reset();
          await services.ecsTasks.stopAll('teiki was reset');
          await store.reset();
          logMetricSeries(store.logEvents).clear();
          // The IAM epochs this process remembers belong to the state just wiped.
          forgetIamEpochs(store);
          services.ecsServices.scheduler.resume();
          await membership.publish('reset', {});
          await services.replays.resume();
        },
        shutdown: () => {
          logger.info('shutting down', { requestedBy: 'POST /_teiki/shutdown' });
          void close().catch((error: unknown) => logger.error('shutdown failed', { error }));
        },
      }),
      ...fireAdminRoutes(services.triggers),
      ...taskEndpointRoutes(services.taskEndpoints),
      ...consoleAssetRoutes(),
      ...consoleApiRoutes({
        options,
        clock,
        registry,
        queries: { ...serviceQueries(store), ...triggerQueries(store) },
        ...(options.auth === 'enforce' ? { authorizer: services.authorizer } : {}),
        logger: logger.child({ component: 'console' }),
      }),
    });
    const app = createGatewayApp({
      aws: createAwsHandler({
        registry,
        authenticator,
        metrics,
        logger,
        ...(options.auth === 'enforce' ? { authorizer: services.authorizer } : {}),
      }),
      admin,
      adminGuard:
        options.auth === 'enforce'
          ? createAdminGuard({ authenticator, sources: credentialSources })
          : undefined,
      registry,
      policy: compileBrowserPolicy(options),
      logger,
    });
    server.serve(app);
    const taskAddress = listensEverywhere(options.host)
      ? undefined
      : await taskAddressOf(options, runtime).catch(() => undefined);
    if (taskAddress !== undefined && taskAddress !== options.host) {
      const taskServer = await listenForTasks({ app, taskAddress, logger });
      if (taskServer) {
        taskServers.push(taskServer);
        taskPort = taskServer.port;
      }
    }
    return {
      url: server.url,
      port: server.port,
      options,
      clock,
      store,
      taskStateChanges: services.taskStateChanges,
      serviceStateChanges: services.ecsServices.changes,
      closed,
      close,
      lostLease: () => lostLease,
    };
  } catch (error) {
    logRelay.stop();
    await membership.leave();
    await runtime.close();
    await store.close();
    await server.close();
    throw error;
  }
}

/** The registry's nodes as `/_teiki/health` lists them. */
function describeNodes(selfRunnerId: string, rows: NodeRow[]) {
  return rows.map((row) => ({
    nodeId: row.nodeId,
    runnerId: row.runnerId,
    state: row.state,
    lastSeen: new Date(row.lastSeenMs).toISOString(),
    startedAt: new Date(row.startedAtMs).toISOString(),
    self: row.runnerId === selfRunnerId,
    runtime: row.info.runtime,
  }));
}
