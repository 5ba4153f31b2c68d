/**
 * The two kinds of name the browser policy compares, put in one canonical form: a Host
 * (name or IP literal, port apart) and a web origin (`scheme://host[:port]`). Options are
 * normalised once at start-up; requests are normalised the same way before comparing.
 */
import { isIP } from 'node:net';

export interface HostParts {
  /** Lower-cased, one trailing dot dropped; an IPv6 literal without its brackets. */
  hostname: string;
  /** Digits as sent, or '' when the Host names no port. */
  port: string;
  ip: boolean;
}

/** `name`, `name:port`, `1.2.3.4:port`, `[::1]:port`; undefined for anything else. */
export function parseHost(value: string): HostParts | undefined {
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) {
    const address = bracketed[1] as string;
    if (isIP(address) !== 6) return undefined;
    return { hostname: address.toLowerCase(), port: bracketed[2] ?? '', ip: true };
  }
  const plain = /^([A-Za-z0-9_.-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!plain) return undefined;
  const hostname = (plain[1] as string).toLowerCase().replace(/\.$/, '');
  if (hostname === '' || hostname.startsWith('.') || hostname.includes('..')) return undefined;
  return { hostname, port: plain[2] ?? '', ip: isIP(hostname) === 4 };
}

/**
 * `localhost` and its subdomains: RFC 6761 reserves them for loopback, browsers resolve
 * them to loopback without DNS, and nobody can own a DNS zone under them, so no
 * rebinding attack can use one.
 */
export function isLocalhostName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

/** A name for `--allowed-hosts`, canonical; throws a message naming what is wrong. */
export function normalizeAllowedHost(name: string): string {
  const parts = parseHost(name.trim());
  if (!parts || parts.port !== '') {
    throw new Error(
      `'${name}' is not a host name (give names such as teiki or host.docker.internal, without a port or scheme)`,
    );
  }
  return parts.hostname;
}

export interface OriginParts {
  scheme: 'http' | 'https';
  hostname: string;
  /** The port, explicit or the scheme's default. */
  port: string;
}

/** A serialized web origin as browsers send it; undefined for `null` and anything else. */
export function parseOrigin(value: string): OriginParts | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  if (url.pathname !== '/' || /^[a-z]+:\/\/[^/]*\/./i.test(value)) return undefined;
  const scheme = url.protocol === 'http:' ? 'http' : 'https';
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  return { scheme, hostname, port: url.port || (scheme === 'http' ? '80' : '443') };
}

export function originKey(origin: OriginParts): string {
  return `${origin.scheme}://${origin.hostname}:${origin.port}`;
}

/** An origin for `--cors-origins`, canonical; throws a message naming what is wrong. */
export function normalizeCorsOrigin(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '*' || trimmed === 'null') {
    throw new Error(
      `'${trimmed}' would let every web page drive teiki; list each origin (scheme://host:port) instead`,
    );
  }
  const parts = parseOrigin(trimmed);
  if (!parts) {
    throw new Error(
      `'${value}' is not a web origin (give scheme://host[:port], e.g. http://localhost:3000, with no path)`,
    );
  }
  return originKey(parts);
}
