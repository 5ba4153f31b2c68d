/**
 * What a target receives for an event, as EventBridge computes it: the constant `Input`,
 * the part of the event `InputPath` selects, the `InputTransformer`'s template filled from
 * its paths, or else the whole event.
 */
import type { Target } from '../services/events/generated/types.js';

/** The input as JSON text (a template may also produce plain text). */
export function targetInput(target: Target, event: unknown): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined)
    return JSON.stringify(select(event, target.InputPath) ?? null);
  const transformer = target.InputTransformer;
  if (transformer) {
    const values = new Map<string, unknown>();
    for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
      values.set(name, select(event, path));
    }
    return fillTemplate(transformer.InputTemplate, values);
  }
  return JSON.stringify(event);
}

/** A JSONPath of the simple form EventBridge accepts: `$`, `$.a.b`, `$.a[0]`, `$['a-b']`. */
export function select(value: unknown, path: string): unknown {
  if (path === '$') return value;
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g)].map(
    (m) => m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]),
  );
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step as string | number];
  }
  return current;
}

/**
 * `<name>` placeholders replaced by their values: inside a JSON string a value goes in as
 * text, elsewhere as JSON; a missing value is `null` (or nothing inside a string).
 */
function fillTemplate(template: string, values: Map<string, unknown>): string {
  let inString = false;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch === '"' && template[i - 1] !== '\\') inString = !inString;
    const match = ch === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null;
    if (match && values.has(match[1] as string)) {
      const value = values.get(match[1] as string);
      if (inString) {
        const text =
          typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
        out += JSON.stringify(text).slice(1, -1);
      } else {
        out += value === undefined ? 'null' : JSON.stringify(value);
      }
      i += match[0].length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}
