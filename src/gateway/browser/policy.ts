/**
 * Who may talk to teiki, judged from a request's headers alone: teiki runs commands on
 * its host, so a web page must not be able to drive it, neither cross-origin (a page on
 * another origin posting a form or `text/plain`) nor by DNS rebinding (a page whose own
 * name now resolves to 127.0.0.1). AWS clients (SDKs, the CLI, Terraform) send neither
 * `Origin` nor `Sec-Fetch-Site` and a Host that is an IP literal, `localhost` or a name
 * the user allowed, so they pass untouched.
 *
 * Pure: headers and the compiled options in, a verdict out. The gateway applies it before
 * any route runs and before the body is read.
 */
import {
  isLocalhostName,
  normalizeAllowedHost,
  normalizeCorsOrigin,
  originKey,
  parseHost,
  parseOrigin,
  type HostParts,
} from './names.js';

export interface BrowserPolicy {
  /** Canonical host names served besides IP literals and `localhost` (`--allowed-hosts`). */
  allowedHosts: ReadonlySet<string>;
  /** Canonical origins (`scheme://host:port`) allowed besides teiki's own (`--cors-origins`). */
  corsOrigins: ReadonlySet<string>;
}

export function compileBrowserPolicy(options: {
  allowedHosts: readonly string[];
  corsOrigins: readonly string[];
}): BrowserPolicy {
  return {
    allowedHosts: new Set(options.allowedHosts.map(normalizeAllowedHost)),
    corsOrigins: new Set(options.corsOrigins.map(normalizeCorsOrigin)),
  };
}

/** What the policy reads of a request. Header names lower-cased. */
export interface ScreenedRequest {
  method: string;
  path: string;
  headers: Readonly<Record<string, string | undefined>>;
}

export type RefusalReason =
  'host-malformed' | 'host-not-allowed' | 'origin-not-allowed' | 'cross-site-without-origin';

export type Verdict =
  /** Serve it; `corsOrigin` when the answer must carry CORS headers for a listed origin. */
  | { kind: 'serve'; corsOrigin?: string }
  /** A CORS preflight from an origin that may call: answer it, run no route. */
  | { kind: 'preflight'; corsOrigin: string }
  | { kind: 'refuse'; reason: RefusalReason; message: string };

const ALLOWED_HOSTS_HINT =
  'teiki answers IP literals, localhost and the names given with --allowed-hosts (TEIKI_ALLOWED_HOSTS)';
const CORS_HINT =
  'list an origin with --cors-origins (TEIKI_CORS_ORIGINS) to let a web page call teiki';

function refuse(reason: RefusalReason, message: string): Verdict {
  return { kind: 'refuse', reason, message };
}

function checkHost(host: string | undefined, policy: BrowserPolicy): Verdict | HostParts | null {
  // Browsers always send Host; a request without one (HTTP/1.0) is not a browser's.
  if (host === undefined || host === '') return null;
  const parts = parseHost(host);
  if (!parts) return refuse('host-malformed', `The Host '${host}' is not a host name.`);
  if (parts.ip || isLocalhostName(parts.hostname) || policy.allowedHosts.has(parts.hostname))
    return parts;
  return refuse(
    'host-not-allowed',
    `teiki does not serve the host '${parts.hostname}': ${ALLOWED_HOSTS_HINT}, e.g. --allowed-hosts ${parts.hostname}.`,
  );
}

/**
 * teiki's own origin, the console's: same host and port as the request's Host. Either
 * scheme, so teiki behind a TLS-terminating proxy keeps its console; nobody else can
 * serve a page on teiki's own host and port.
 */
function isOwnOrigin(origin: ReturnType<typeof parseOrigin>, host: HostParts | null): boolean {
  if (!origin || !host) return false;
  const hostPort = host.port || (origin.scheme === 'http' ? '80' : '443');
  return origin.hostname === host.hostname && origin.port === hostPort;
}

/**
 * A top-level navigation to the console's pages from another site (a link on a wiki, in
 * a chat): the page shell is static, reads nothing, changes nothing, and the document it
 * opens runs on teiki's own origin. Frames are not navigations of this kind.
 */
function isConsoleNavigation(req: ScreenedRequest): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    req.headers['sec-fetch-mode'] === 'navigate' &&
    req.headers['sec-fetch-dest'] === 'document' &&
    (req.path === '/_teiki/console' || req.path.startsWith('/_teiki/console/'))
  );
}

function isPreflight(req: ScreenedRequest): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

export function screenRequest(req: ScreenedRequest, policy: BrowserPolicy): Verdict {
  const host = checkHost(req.headers.host, policy);
  if (host !== null && 'kind' in host) return host;

  const originHeader = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  // Only `same-origin` and `none` (typed in the address bar) are requests of teiki's own
  // pages or of the user; `same-site` includes every other port on the same host.
  const crossOrigin = site === 'cross-site' || site === 'same-site';

  if (originHeader === undefined) {
    if (crossOrigin && !isConsoleNavigation(req)) {
      return refuse(
        'cross-site-without-origin',
        `teiki refuses requests a web page on another origin makes (Sec-Fetch-Site: ${site}); ${CORS_HINT}.`,
      );
    }
    return { kind: 'serve' };
  }

  const origin = parseOrigin(originHeader);
  if (!crossOrigin && isOwnOrigin(origin, host)) {
    return isPreflight(req) ? { kind: 'preflight', corsOrigin: originHeader } : { kind: 'serve' };
  }
  if (origin && policy.corsOrigins.has(originKey(origin))) {
    return isPreflight(req)
      ? { kind: 'preflight', corsOrigin: originHeader }
      : { kind: 'serve', corsOrigin: originHeader };
  }
  return refuse(
    'origin-not-allowed',
    `teiki refuses requests from the web origin '${originHeader}': only its own console's origin may call it; ${CORS_HINT}.`,
  );
}
