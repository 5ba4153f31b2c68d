import { MAX_JSON_FIELDS } from './limits.js';
import type { Value } from './values.js';

/**
 * The fields Insights discovers in a JSON log event: nested objects flatten to dotted
 * names (`userIdentity.type`), arrays to positions (`items.0.instanceId`), at most
 * {@link MAX_JSON_FIELDS} of them. A discovered name starting with `@` shows with another
 * `@` in front (`@example.com` → `@@example.com`), so it never hides a system field.
 * Only messages that are a JSON object as a whole are discovered.
 */
export function discoverJsonFields(message: string): Map<string, Value> | null {
  let i = 0;
  while (i < message.length && message.charCodeAt(i) <= 32) i++;
  if (message.charCodeAt(i) !== 123 /* { */) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields = new Map<string, Value>();
  flatten(parsed as Record<string, unknown>, '', fields);
  return fields;
}

function flatten(
  node: Record<string, unknown> | unknown[],
  prefix: string,
  out: Map<string, Value>,
) {
  const entries: [string, unknown][] = Array.isArray(node)
    ? node.map((v, i) => [String(i), v])
    : Object.entries(node);
  for (const [key, value] of entries) {
    if (out.size >= MAX_JSON_FIELDS) return;
    const name = prefix === '' ? (key.startsWith('@') ? `@${key}` : key) : `${prefix}.${key}`;
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') {
      flatten(value as Record<string, unknown>, name, out);
    } else if (typeof value === 'boolean') {
      // Shown as written in the log ("true"), not as a query Boolean (1/0).
      out.set(name, value ? 'true' : 'false');
    } else if (typeof value === 'number' || typeof value === 'string') {
      out.set(name, value);
    }
  }
}
