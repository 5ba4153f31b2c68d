import type { WireRequest } from './protocols/types.js';

/** A parameter of a query-protocol request, from the query string or a form body. */
export function formParam(req: WireRequest, name: string): string | undefined {
  const fromQuery = req.query.get(name);
  if (fromQuery !== null) return fromQuery;
  if (!isFormBody(req)) return undefined;
  return new URLSearchParams(req.body.toString('utf8')).get(name) ?? undefined;
}

export function isFormBody(req: WireRequest): boolean {
  return (req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');
}
