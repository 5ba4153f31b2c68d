/**
 * A connection's credentials: the JSON document kept in its Secrets Manager secret, built
 * from CreateConnection/UpdateConnection's AuthParameters, and the public projection
 * DescribeConnection shows (key names, never secret values).
 *
 * The document's keys are the ones AWS writes (`username`/`password`, `api_key_name`/
 * `api_key_value`, `client_id`/`client_secret`/`authorization_endpoint`/`http_method`,
 * `invocation_http_parameters`), as recorded against AWS in LocalStack's snapshots; the
 * inner form of the HTTP parameter lists (`header_parameters: [{key, value,
 * is_value_secret}]`) is not recorded anywhere and is teiki's.
 */
import { validationError } from '../errors.js';
import type {
  ConnectionAuthResponseParameters,
  ConnectionAuthorizationType,
  ConnectionHttpParameters,
  CreateConnectionAuthRequestParameters,
  UpdateConnectionAuthRequestParameters,
} from '../generated/types.js';

export interface SecretHttpParameter {
  key: string;
  value: string;
  is_value_secret: boolean;
}

export interface SecretHttpParameters {
  header_parameters?: SecretHttpParameter[];
  query_string_parameters?: SecretHttpParameter[];
  body_parameters?: SecretHttpParameter[];
}

export interface ConnectionCredentials {
  username?: string;
  password?: string;
  api_key_name?: string;
  api_key_value?: string;
  client_id?: string;
  client_secret?: string;
  authorization_endpoint?: string;
  http_method?: string;
  oauth_http_parameters?: SecretHttpParameters;
  invocation_http_parameters?: SecretHttpParameters;
}

type Lists = keyof SecretHttpParameters;
const LISTS: ReadonlyArray<[Lists, keyof ConnectionHttpParameters]> = [
  ['header_parameters', 'HeaderParameters'],
  ['query_string_parameters', 'QueryStringParameters'],
  ['body_parameters', 'BodyParameters'],
];

/**
 * The given lists replace the previous ones; a parameter given without a Value keeps the
 * value it had under the same key (so an update can change IsValueSecret alone).
 */
function secretHttp(
  given: ConnectionHttpParameters | undefined,
  previous: SecretHttpParameters | undefined,
): SecretHttpParameters | undefined {
  if (given === undefined) return previous;
  const out: SecretHttpParameters = { ...previous };
  for (const [list, member] of LISTS) {
    const items = given[member];
    if (items === undefined) continue;
    out[list] = items.map((item) => {
      const key = item.Key ?? '';
      const prior = previous?.[list]?.find((p) => p.key === key);
      return {
        key,
        value: item.Value ?? prior?.value ?? '',
        is_value_secret: item.IsValueSecret ?? false,
      };
    });
  }
  return out;
}

function publicHttp(parameters: SecretHttpParameters): ConnectionHttpParameters {
  const out: ConnectionHttpParameters = {};
  for (const [list, member] of LISTS) {
    const items = parameters[list];
    if (items === undefined) continue;
    out[member] = items.map((item) => ({
      Key: item.key,
      ...(item.is_value_secret ? {} : { Value: item.value }),
      IsValueSecret: item.is_value_secret,
    }));
  }
  return out;
}

const BLOCK_OF: Record<ConnectionAuthorizationType, keyof CreateConnectionAuthRequestParameters> = {
  BASIC: 'BasicAuthParameters',
  API_KEY: 'ApiKeyAuthParameters',
  OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
};

/**
 * The AuthParameters must carry the block of the authorization type and no other
 * (wording teiki's: AWS's for these two cases is not recorded).
 */
function checkBlocks(
  type: ConnectionAuthorizationType,
  params: CreateConnectionAuthRequestParameters | UpdateConnectionAuthRequestParameters,
  required: boolean,
): void {
  const wanted = BLOCK_OF[type];
  for (const block of Object.values(BLOCK_OF)) {
    if (block !== wanted && params[block] !== undefined) {
      throw validationError(
        `Parameter ${block} is not valid for AuthorizationType ${type}. Reason: only ${wanted} may be specified.`,
      );
    }
  }
  if (required && params[wanted] === undefined) {
    throw validationError(
      `Parameter(s) ${wanted} must be specified for AuthorizationType ${type}.`,
    );
  }
}

/** A header or query name and value must be sendable on the wire. */
function checkSendable(credentials: ConnectionCredentials): void {
  for (const parameters of [
    credentials.invocation_http_parameters,
    credentials.oauth_http_parameters,
  ]) {
    for (const item of parameters?.header_parameters ?? []) {
      if (/[\r\n]/.test(item.key + item.value)) {
        throw validationError(
          `Header parameter ${item.key} is not valid. Reason: line breaks are not allowed.`,
        );
      }
    }
  }
  if (
    credentials.api_key_name !== undefined &&
    !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(credentials.api_key_name)
  ) {
    throw validationError(
      'Parameter ApiKeyName is not valid. Reason: must be an HTTP header name.',
    );
  }
}

export function credentialsOnCreate(
  type: ConnectionAuthorizationType,
  params: CreateConnectionAuthRequestParameters,
): ConnectionCredentials {
  checkBlocks(type, params, true);
  const out: ConnectionCredentials = {};
  const basic = params.BasicAuthParameters;
  if (basic) Object.assign(out, { username: basic.Username, password: basic.Password });
  const apiKey = params.ApiKeyAuthParameters;
  if (apiKey)
    Object.assign(out, { api_key_name: apiKey.ApiKeyName, api_key_value: apiKey.ApiKeyValue });
  const oauth = params.OAuthParameters;
  if (oauth) {
    Object.assign(out, {
      client_id: oauth.ClientParameters.ClientID,
      client_secret: oauth.ClientParameters.ClientSecret,
      authorization_endpoint: oauth.AuthorizationEndpoint,
      http_method: oauth.HttpMethod,
    });
    const http = secretHttp(oauth.OAuthHttpParameters, undefined);
    if (http) out.oauth_http_parameters = http;
  }
  const invocation = secretHttp(params.InvocationHttpParameters, undefined);
  if (invocation) out.invocation_http_parameters = invocation;
  checkSendable(out);
  return out;
}

/**
 * UpdateConnection: what is given replaces what was; what is left out stays. A change of
 * authorization type starts the credentials over, so the new type's block must be complete.
 */
export function credentialsOnUpdate(
  type: ConnectionAuthorizationType,
  typeChanged: boolean,
  params: UpdateConnectionAuthRequestParameters | undefined,
  previous: ConnectionCredentials,
): ConnectionCredentials {
  if (params === undefined) {
    if (typeChanged) checkBlocks(type, {}, true);
    return previous;
  }
  checkBlocks(type, params, typeChanged);
  const out: ConnectionCredentials = typeChanged
    ? previous.invocation_http_parameters
      ? { invocation_http_parameters: previous.invocation_http_parameters }
      : {}
    : { ...previous };
  const set = (key: keyof ConnectionCredentials, value: string | undefined) => {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  };
  const basic = params.BasicAuthParameters;
  set('username', basic?.Username);
  set('password', basic?.Password);
  const apiKey = params.ApiKeyAuthParameters;
  set('api_key_name', apiKey?.ApiKeyName);
  set('api_key_value', apiKey?.ApiKeyValue);
  const oauth = params.OAuthParameters;
  set('client_id', oauth?.ClientParameters?.ClientID);
  set('client_secret', oauth?.ClientParameters?.ClientSecret);
  set('authorization_endpoint', oauth?.AuthorizationEndpoint);
  set('http_method', oauth?.HttpMethod);
  const oauthHttp = secretHttp(oauth?.OAuthHttpParameters, out.oauth_http_parameters);
  if (oauthHttp) out.oauth_http_parameters = oauthHttp;
  const invocation = secretHttp(params.InvocationHttpParameters, out.invocation_http_parameters);
  if (invocation) out.invocation_http_parameters = invocation;
  if (typeChanged) requireComplete(type, out);
  checkSendable(out);
  return out;
}

function requireComplete(type: ConnectionAuthorizationType, credentials: ConnectionCredentials) {
  const missing: Record<
    ConnectionAuthorizationType,
    Array<[keyof ConnectionCredentials, string]>
  > = {
    BASIC: [
      ['username', 'Username'],
      ['password', 'Password'],
    ],
    API_KEY: [
      ['api_key_name', 'ApiKeyName'],
      ['api_key_value', 'ApiKeyValue'],
    ],
    OAUTH_CLIENT_CREDENTIALS: [
      ['authorization_endpoint', 'AuthorizationEndpoint'],
      ['http_method', 'HttpMethod'],
      ['client_id', 'ClientID'],
      ['client_secret', 'ClientSecret'],
    ],
  };
  for (const [key, member] of missing[type]) {
    if (credentials[key] === undefined) {
      throw validationError(
        `Parameter(s) ${member} must be specified for AuthorizationType ${type}.`,
      );
    }
  }
}

/** What DescribeConnection shows of the credentials. */
export function publicParameters(
  type: ConnectionAuthorizationType,
  credentials: ConnectionCredentials,
): ConnectionAuthResponseParameters {
  const out: ConnectionAuthResponseParameters = {};
  if (type === 'BASIC') out.BasicAuthParameters = { Username: credentials.username ?? '' };
  if (type === 'API_KEY') out.ApiKeyAuthParameters = { ApiKeyName: credentials.api_key_name ?? '' };
  if (type === 'OAUTH_CLIENT_CREDENTIALS') {
    out.OAuthParameters = {
      AuthorizationEndpoint: credentials.authorization_endpoint ?? '',
      HttpMethod: (credentials.http_method ?? 'POST') as 'GET' | 'POST' | 'PUT',
      ClientParameters: { ClientID: credentials.client_id ?? '' },
      ...(credentials.oauth_http_parameters
        ? { OAuthHttpParameters: publicHttp(credentials.oauth_http_parameters) }
        : {}),
    };
  }
  if (credentials.invocation_http_parameters) {
    out.InvocationHttpParameters = publicHttp(credentials.invocation_http_parameters);
  }
  return out;
}

export function serializeCredentials(credentials: ConnectionCredentials): string {
  return JSON.stringify(credentials);
}

export function parseCredentials(text: string | undefined): ConnectionCredentials | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
