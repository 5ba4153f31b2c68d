/**
 * The OAuth client-credentials exchange EventBridge makes for an OAUTH_CLIENT_CREDENTIALS
 * connection, and the tokens it keeps. The request goes to the AuthorizationEndpoint
 * with the connection's HttpMethod; the client id and secret travel as HTTP Basic
 * credentials (RFC 6749 §2.3.1), the OAuthHttpParameters as headers, query string and a
 * form-encoded body, `grant_type=client_credentials` added when the body parameters do
 * not name a grant type. (AWS documents that it exchanges the id and secret for a token;
 * the exact form of its request is not documented.) A token is used until 60 seconds
 * before it expires, and dropped when an endpoint answers 401 or 407, as AWS documents.
 */
import type { Clock } from '../../../engine/clock/types.js';
import { OutboundError, schemeAllowed, sendHttp } from '../http/outbound.js';
import type { ConnectionCredentials, SecretHttpParameter } from './credentials.js';

/** AWS's deadline for a call it makes on a connection's behalf. */
export const OAUTH_TIMEOUT_MS = 5000;
/** A token this close to its expiry is refreshed before use. */
export const REFRESH_MARGIN_MS = 60_000;

export interface OAuthToken {
  accessToken: string;
  /** Absent when the endpoint gave no expires_in: the token is kept until a 401. */
  expiresAtMs?: number;
}

/** Why the endpoint gave no token; `retriable` when trying again later may help (5xx, 429, network). */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
  }
}

function form(items: readonly SecretHttpParameter[]): URLSearchParams {
  const body = new URLSearchParams();
  for (const item of items) body.append(item.key, item.value);
  return body;
}

export async function requestOAuthToken(
  credentials: ConnectionCredentials,
  options: { allowHttp: boolean; nowMs: number },
): Promise<OAuthToken> {
  let url: URL;
  try {
    url = new URL(credentials.authorization_endpoint ?? '');
  } catch {
    throw new OAuthError('The authorization endpoint is not a valid URL.', false);
  }
  if (!schemeAllowed(url, options.allowHttp)) {
    throw new OAuthError('The authorization endpoint must use HTTPS.', false);
  }
  const http = credentials.oauth_http_parameters ?? {};
  for (const item of http.query_string_parameters ?? [])
    url.searchParams.append(item.key, item.value);
  const headers: Record<string, string> = {};
  for (const item of http.header_parameters ?? []) headers[item.key] = item.value;
  const basic = Buffer.from(`${credentials.client_id ?? ''}:${credentials.client_secret ?? ''}`);
  headers['Authorization'] = `Basic ${basic.toString('base64')}`;
  headers['Accept'] = 'application/json';
  const method = credentials.http_method ?? 'POST';
  const body = form(http.body_parameters ?? []);
  if (!body.has('grant_type')) body.set('grant_type', 'client_credentials');
  let payload: string | undefined;
  if (method === 'GET') {
    for (const [key, value] of body) url.searchParams.append(key, value);
  } else {
    payload = body.toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  let response;
  try {
    response = await sendHttp({
      method,
      url,
      headers,
      timeoutMs: OAUTH_TIMEOUT_MS,
      ...(payload !== undefined ? { body: payload } : {}),
    });
  } catch (error) {
    if (error instanceof OutboundError) {
      throw new OAuthError(
        `The authorization endpoint could not be reached: ${error.message}`,
        true,
      );
    }
    throw error;
  }
  if (response.status < 200 || response.status >= 300) {
    const retriable = response.status === 429 || response.status >= 500;
    throw new OAuthError(`The authorization endpoint answered HTTP ${response.status}.`, retriable);
  }
  let parsed: { access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(response.body.toString('utf8')) as typeof parsed;
  } catch {
    throw new OAuthError('The authorization endpoint did not answer JSON.', false);
  }
  if (
    typeof parsed.access_token !== 'string' ||
    parsed.access_token === '' ||
    /[\r\n]/.test(parsed.access_token)
  ) {
    throw new OAuthError('The authorization endpoint answered no access_token.', false);
  }
  const expiresIn = Number(parsed.expires_in);
  return {
    accessToken: parsed.access_token,
    ...(parsed.expires_in !== undefined && Number.isFinite(expiresIn) && expiresIn > 0
      ? { expiresAtMs: options.nowMs + expiresIn * 1000 }
      : {}),
  };
}

/** Tokens by connection ARN and record version: a change to the connection drops its token. */
export class OAuthTokens {
  readonly #tokens = new Map<string, { version: number; token: OAuthToken }>();

  constructor(private readonly clock: Clock) {}

  /** A token still good for at least REFRESH_MARGIN_MS, if one is kept. */
  usable(arn: string, version: number): OAuthToken | undefined {
    const kept = this.#tokens.get(arn);
    if (!kept || kept.version !== version) return undefined;
    const expires = kept.token.expiresAtMs;
    if (expires !== undefined && expires - REFRESH_MARGIN_MS <= this.clock.nowMs())
      return undefined;
    return kept.token;
  }

  keep(arn: string, version: number, token: OAuthToken): void {
    this.#tokens.set(arn, { version, token });
  }

  /** The endpoint refused the token (401/407): the next call fetches a new one. */
  drop(arn: string): void {
    this.#tokens.delete(arn);
  }

  clear(): void {
    this.#tokens.clear();
  }
}
