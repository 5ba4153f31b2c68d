/**
 * Several teiki nodes on one PostgreSQL schema, as users run them: the built CLI in child
 * processes, each with its own `--node-id` and data directory, killed with SIGKILL and
 * started again under the same id.
 */
import { admin, createTestSchema, type TestSchema } from './postgres.js';
import { spawnTeiki, type TeikiProcess } from './process.js';
import { tempDir } from './teiki.js';

export interface NodeHealth {
  node: string;
  nodes: Array<{
    nodeId: string;
    runnerId: string;
    state: 'live' | 'dead' | 'left';
    lastSeen: string;
    self: boolean;
  }>;
}

export interface Invocation {
  source: 'rule' | 'schedule';
  name: string;
  scheduledTime: string;
  invokedTime: string;
  outcome: string;
  taskArns: string[];
  tasks: Array<{ taskArn: string; lastStatus: string; stopCode?: string; stoppedReason?: string }>;
  error?: { code: string; message: string };
  runnerId?: string;
}

export interface StoredTask {
  taskArn: string;
  lastStatus: string;
  stopCode?: string;
  stoppedReason?: string;
}

export class TestCluster {
  readonly nodes = new Map<string, TeikiProcess>();
  readonly #dataDirs = new Map<string, string>();

  private constructor(
    readonly schema: TestSchema,
    readonly args: string[],
  ) {}

  static async create(args: string[]): Promise<TestCluster> {
    return new TestCluster(await createTestSchema(), args);
  }

  /** A cluster of the nodes `ids`, started one after another and all seeing each other. */
  static async of(ids: string[], args: string[]): Promise<TestCluster> {
    const cluster = await TestCluster.create(args);
    for (const id of ids) await cluster.start(id);
    for (const id of ids) await cluster.waitForLive(id, ids);
    return cluster;
  }

  /** Starts (or starts again) the node named `nodeId`, on its own data directory. */
  async start(nodeId: string, extra: string[] = []): Promise<TeikiProcess> {
    let dataDir = this.#dataDirs.get(nodeId);
    if (!dataDir) this.#dataDirs.set(nodeId, (dataDir = tempDir(`teiki-${nodeId}-`)));
    const node = await spawnTeiki([
      '--store',
      this.schema.url,
      '--node-id',
      nodeId,
      '--data-dir',
      dataDir,
      ...this.args,
      ...extra,
    ]);
    this.nodes.set(nodeId, node);
    return node;
  }

  url(nodeId: string): string {
    const node = this.nodes.get(nodeId);
    if (!node) throw new Error(`node ${nodeId} is not running`);
    return node.url;
  }

  async kill(nodeId: string): Promise<void> {
    const node = this.nodes.get(nodeId);
    if (!node) return;
    this.nodes.delete(nodeId);
    node.child.kill('SIGKILL');
    await node.exited;
  }

  async health(nodeId: string): Promise<NodeHealth> {
    return (await (await fetch(`${this.url(nodeId)}/_teiki/health`)).json()) as NodeHealth;
  }

  /** Waits until `nodeId` sees exactly `live` as the live nodes. */
  async waitForLive(nodeId: string, live: string[]): Promise<NodeHealth> {
    const want = [...live].sort().join(',');
    for (;;) {
      const health = await this.health(nodeId);
      const seen = health.nodes
        .filter((n) => n.state === 'live')
        .map((n) => n.nodeId)
        .sort()
        .join(',');
      if (seen === want) return health;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async invocations(nodeId: string): Promise<Invocation[]> {
    const res = await fetch(`${this.url(nodeId)}/_teiki/invocations?limit=10000`);
    return ((await res.json()) as { invocations: Invocation[] }).invocations;
  }

  /** Every invocation record in the shared store (the admin route answers the latest 10,000). */
  async storedInvocations(): Promise<Invocation[]> {
    const { rows } = await admin(
      this.schema.url,
      "SELECT value FROM records WHERE collection = 'teiki.invocations'",
    );
    return rows.map((row: { value: string }) => JSON.parse(row.value) as Invocation);
  }

  /** Every ECS task record in the shared store, as stored. */
  async storedTasks(): Promise<StoredTask[]> {
    const { rows } = await admin(
      this.schema.url,
      "SELECT value FROM records WHERE collection = 'ecs.tasks'",
    );
    return rows.map((row: { value: string }) => JSON.parse(row.value) as StoredTask);
  }

  /** POST /_teiki/clock on `nodeId`; resolves with the status and body. */
  async moveClock(nodeId: string, body: object): Promise<{ status: number; now?: string }> {
    const res = await fetch(`${this.url(nodeId)}/_teiki/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, ...((await res.json()) as { now?: string }) };
  }

  async stop(): Promise<void> {
    for (const id of [...this.nodes.keys()]) await this.kill(id);
    await this.schema.drop();
  }
}
