/**
 * OAuth connections are authorized in the background, as on AWS: CreateConnection and
 * UpdateConnection answer AUTHORIZING, then the token exchange decides AUTHORIZED (and
 * LastAuthorizedTime) or DEAUTHORIZED with the reason in StateReason. An invocation needing
 * a token asks here too; an endpoint that refuses the credentials deauthorizes the
 * connection then as well. A result is stored only if the connection is still the
 * version it was read at, so a concurrent update is never overwritten.
 */
import type { Clock } from '../../../engine/clock/types.js';
import type { Logger } from '../../../engine/log.js';
import type { Scope, Store } from '../../../store/types.js';
import { readManagedSecret } from '../../secretsmanager/managed.js';
import { parseCredentials, type ConnectionCredentials } from './credentials.js';
import { OAuthError, requestOAuthToken, type OAuthToken, OAuthTokens } from './oauth.js';
import { CONNECTIONS, type ConnectionRecord } from './records.js';

export class ConnectionAuthorizer {
  readonly tokens: OAuthTokens;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      allowHttp: boolean;
      logger: Logger;
    },
  ) {
    this.tokens = new OAuthTokens(deps.clock);
  }

  /** Starts authorizing an AUTHORIZING connection; the caller does not wait. */
  begin(scope: Scope, name: string, version: number): void {
    const work = this.#authorize(scope, name, version).catch((error: unknown) =>
      this.deps.logger.error('a connection could not be authorized', { error }),
    );
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  /** Waits for authorizations in progress (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** The connection's credentials as its secret holds them, or undefined when gone. */
  async credentials(
    scope: Scope,
    record: ConnectionRecord,
  ): Promise<ConnectionCredentials | undefined> {
    if (record.secretArn === undefined) return undefined;
    const arn = record.secretArn;
    const text = await this.deps.store.transaction((tx) =>
      readManagedSecret(tx, scope, arn, this.deps.clock.nowMs()),
    );
    return parseCredentials(text);
  }

  /**
   * A token for an invocation: the kept one, else a new exchange. A refusal by the
   * endpoint deauthorizes the connection; a retriable failure is thrown as is.
   */
  async token(
    scope: Scope,
    record: ConnectionRecord,
    credentials: ConnectionCredentials,
  ): Promise<OAuthToken> {
    const kept = this.tokens.usable(record.arn, record.version);
    if (kept) return kept;
    try {
      const token = await requestOAuthToken(credentials, {
        allowHttp: this.deps.allowHttp,
        nowMs: this.deps.clock.nowMs(),
      });
      this.tokens.keep(record.arn, record.version, token);
      return token;
    } catch (error) {
      if (error instanceof OAuthError && !error.retriable) {
        await this.#settle(scope, record.name, record.version, { error: error.message });
      }
      throw error;
    }
  }

  async #authorize(scope: Scope, name: string, version: number): Promise<void> {
    const record = await this.deps.store.collection<ConnectionRecord>(CONNECTIONS).get(scope, name);
    if (!record || record.version !== version || record.state !== 'AUTHORIZING') return;
    const credentials = await this.credentials(scope, record);
    if (!credentials) {
      await this.#settle(scope, name, version, {
        error: 'The connection secret could not be read.',
      });
      return;
    }
    try {
      const token = await requestOAuthToken(credentials, {
        allowHttp: this.deps.allowHttp,
        nowMs: this.deps.clock.nowMs(),
      });
      const stored = await this.#settle(scope, name, version, {});
      if (stored) this.tokens.keep(stored.arn, stored.version, token);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      await this.#settle(scope, name, version, { error: error.message });
    }
  }

  /** Stores the outcome if the connection is still the version that was authorized. */
  async #settle(
    scope: Scope,
    name: string,
    version: number,
    outcome: { error?: string },
  ): Promise<ConnectionRecord | undefined> {
    return this.deps.store.transaction(async (tx) => {
      const connections = tx.collection<ConnectionRecord>(CONNECTIONS);
      const current = await connections.get(scope, name);
      if (!current || current.version !== version) return undefined;
      if (current.state !== 'AUTHORIZING' && current.state !== 'AUTHORIZED') return undefined;
      const now = this.deps.clock.nowMs();
      const { stateReason: _previous, ...rest } = current;
      const next: ConnectionRecord =
        outcome.error === undefined
          ? { ...rest, state: 'AUTHORIZED', lastAuthorizedTime: now, version: version + 1 }
          : {
              ...rest,
              state: 'DEAUTHORIZED',
              stateReason: `Authorization failed: ${outcome.error}`,
              lastModifiedTime: now,
              version: version + 1,
            };
      await connections.put(scope, name, next);
      return next;
    });
  }
}
