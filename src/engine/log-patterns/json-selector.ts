import type { PatternCursor } from './cursor.js';
import { type JsonValue, JsonNumber } from './json-parse.js';

/**
 * A property selector: `$` followed by `.name` (ASCII letters, digits, `-`, `_`) and
 * `[index]` steps, an index always following a property (`$.users[0].id`,
 * `$.coordinates[0][1]`). `[*]` and `.*` step into every element or property; the selector
 * then holds when any of the values it reaches does.
 */
type Step = { name: string } | { index: number } | 'any';

export interface Selector {
  readonly text: string;
  /** Every value the selector reaches; empty when the path is not in the document. */
  resolve(root: JsonValue): JsonValue[];
}

function isNameChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x2d
  );
}

export function readSelector(c: PatternCursor): Selector {
  const start = c.pos;
  if (!c.eat('$')) throw c.fault('expected a property selector starting with $');
  const steps: Step[] = [];
  for (;;) {
    if (c.eat('.')) {
      if (c.eat('*')) {
        steps.push('any');
        continue;
      }
      const name = c.readWhile(isNameChar);
      if (name === '') throw c.fault('expected a property name after "."');
      steps.push({ name });
    } else if (c.peek() === '[') {
      if (steps.length === 0) throw c.fault('an array index must follow a property');
      c.pos++;
      if (c.eat('*')) steps.push('any');
      else {
        const digits = c.readWhile((code) => code >= 0x30 && code <= 0x39);
        if (digits === '') throw c.fault('expected an array index');
        steps.push({ index: Number(digits) });
      }
      c.expect(']', "']'");
    } else break;
  }
  if (steps.length === 0) throw c.fault('a property selector needs at least one property');
  return { text: c.text.slice(start, c.pos), resolve: (root) => resolve(root, steps) };
}

function resolve(root: JsonValue, steps: readonly Step[]): JsonValue[] {
  let current: JsonValue[] = [root];
  for (const step of steps) {
    const next: JsonValue[] = [];
    for (const node of current) {
      if (step === 'any') {
        if (Array.isArray(node)) next.push(...node);
        else if (node instanceof Map) next.push(...node.values());
      } else if ('name' in step) {
        if (node instanceof Map) {
          const child = node.get(step.name);
          if (child !== undefined) next.push(child);
        }
      } else if (Array.isArray(node) && step.index < node.length) {
        next.push(node[step.index]!);
      }
    }
    if (next.length === 0) return next;
    current = next;
  }
  return current;
}

/** A string, number or boolean; objects, arrays and null are not compared with values. */
export function scalarText(value: JsonValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof JsonNumber) return value.raw;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}
