/**
 * CORS answers for an origin the policy admitted (`--cors-origins`): the preflight, and
 * the headers every answer to it carries. An origin is always named, never `*`, and no
 * credentials mode is offered: AWS clients sign each request, nothing rides on cookies.
 */
import type { WireResponse } from '../protocols/types.js';

/** Every method a route of teiki answers (restJson1 uses all of them). */
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';

/**
 * Response headers a browser script may read: the request id and error type the SDKs
 * read from every answer, and the other ids AWS answers with.
 */
const EXPOSED_HEADERS = [
  'x-amzn-requestid',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amzn-errortype',
  'x-amzn-error-message',
  'x-amzn-query-error',
  'date',
].join(', ');

/** How long a browser may keep a preflight answer (Chromium caps it at two hours). */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** Header names as RFC 9110 tokens, comma-separated; anything else is not echoed. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/**
 * The answer to a preflight. The headers asked for are allowed as asked (the origin is
 * one the user trusts, and the SDKs' set grows: SigV4's `authorization`, `x-amz-date`,
 * `x-amz-security-token`, `x-amz-content-sha256`, `x-amz-target`, `x-amz-user-agent`,
 * `amz-sdk-invocation-id`, `amz-sdk-request`, …).
 */
export function preflightResponse(
  origin: string,
  requestHeaders: Readonly<Record<string, string | undefined>>,
): WireResponse {
  const headers: Record<string, string> = {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  };
  const asked = requestHeaders['access-control-request-headers']?.trim();
  if (asked && HEADER_LIST.test(asked)) headers['access-control-allow-headers'] = asked;
  // Chromium's Private Network Access asks before a public page may reach a local server.
  if (requestHeaders['access-control-request-private-network'] === 'true')
    headers['access-control-allow-private-network'] = 'true';
  return { status: 204, headers, body: '' };
}

/** The headers an answer to a listed origin carries, added to the route's own. */
export function withCorsHeaders(response: WireResponse, origin: string): WireResponse {
  const vary = response.headers.vary;
  return {
    ...response,
    headers: {
      ...response.headers,
      'access-control-allow-origin': origin,
      'access-control-expose-headers': EXPOSED_HEADERS,
      vary: vary ? `${vary}, Origin` : 'Origin',
    },
  };
}
