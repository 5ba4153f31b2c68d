/**
 * restJson1 routing: an operation's `requestUri` template (`/schedules/{Name}`, greedy
 * `{Key+}`, literal query parts such as `?tagging`) matched against a request's method
 * and raw path. Label values are returned still percent-encoded.
 */
import type { ServiceSchema } from '../schema/types.js';
import type { WireRequest } from './types.js';

type Segment = { literal: string } | { label: string; greedy: boolean };

interface Route {
  operation: string;
  method: string;
  segments: Segment[];
  /** Query parts the template requires: a name, and the value when it gives one. */
  query: [string, string | undefined][];
  rank: number[];
}

const compiled = new WeakMap<ServiceSchema, Route[]>();

function routesOf(schema: ServiceSchema): Route[] {
  let routes = compiled.get(schema);
  if (!routes) {
    routes = Object.entries(schema.operations).map(([name, op]) =>
      compile(name, op.http.method, op.http.requestUri),
    );
    // The most specific template wins: more literal segments, then no greedy label, then more query literals.
    routes.sort((a, b) => compareRank(b.rank, a.rank));
    compiled.set(schema, routes);
  }
  return routes;
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function compile(operation: string, method: string, requestUri: string): Route {
  const q = requestUri.indexOf('?');
  const pathPart = q === -1 ? requestUri : requestUri.slice(0, q);
  const queryPart = q === -1 ? '' : requestUri.slice(q + 1);
  const segments: Segment[] = splitPath(pathPart).map((segment) => {
    const label = /^\{([^}]+?)(\+)?\}$/.exec(segment);
    return label ? { label: label[1]!, greedy: label[2] === '+' } : { literal: segment };
  });
  const query: [string, string | undefined][] = queryPart
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq === -1 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)];
    });
  const literals = segments.filter((s) => 'literal' in s).length;
  const greedy = segments.some((s) => 'greedy' in s && s.greedy);
  return {
    operation,
    method: method.toUpperCase(),
    segments,
    query,
    rank: [literals, greedy ? 0 : 1, query.length],
  };
}

/** `/a/b/` → ['a', 'b']; one trailing slash is not a segment. */
function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function matchRoute(route: Route, req: WireRequest): Record<string, string> | undefined {
  if (route.method !== req.method.toUpperCase()) return undefined;
  for (const [name, value] of route.query) {
    if (!req.query.has(name)) return undefined;
    if (value !== undefined && req.query.get(name) !== value) return undefined;
  }
  const parts = splitPath(req.path);
  const labels: Record<string, string> = {};
  let i = 0;
  for (const segment of route.segments) {
    if ('literal' in segment) {
      if (parts[i] !== segment.literal) return undefined;
      i++;
    } else if (segment.greedy) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('') === '') return undefined;
      labels[segment.label] = rest.join('/');
      i = parts.length;
    } else {
      const part = parts[i];
      if (part === undefined || part === '') return undefined;
      labels[segment.label] = part;
      i++;
    }
  }
  return i === parts.length ? labels : undefined;
}

/** The operation whose route matches, with its labels (percent-encoded). */
export function findRoute(
  req: WireRequest,
  schema: ServiceSchema,
): { operation: string; labels: Record<string, string> } | undefined {
  for (const route of routesOf(schema)) {
    const labels = matchRoute(route, req);
    if (labels) return { operation: route.operation, labels };
  }
  return undefined;
}

/** The labels of `operation`'s route in this request, or undefined when it does not match. */
export function routeLabels(
  req: WireRequest,
  schema: ServiceSchema,
  operation: string,
): Record<string, string> | undefined {
  const route = routesOf(schema).find((r) => r.operation === operation);
  return route && matchRoute(route, req);
}
