/**
 * Inputs from the AWS models: a value that fits a shape (names from small pools, so that
 * a Create and a later Describe sometimes meet), and values that do not (wrong types,
 * out-of-range numbers, lengths, enums, paging tokens, odd text, huge counts, deep nesting).
 */
import type { MemberRef, ServiceSchema, Shape } from '../../src/gateway/schema/types.js';
import type { Rng } from '../helpers/rng.js';

/** A timestamp, written as each protocol writes one. */
export class Stamp {
  constructor(readonly ms: number) {}
}

/** A blob, base64 on the wire. */
export class Bytes {
  constructor(readonly data: Buffer) {}
}

/** Text JSON cannot carry as a value: written into the body as it is (deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
}

export type Value =
  string | number | boolean | null | Stamp | Bytes | RawJson | Value[] | { [key: string]: Value };

/** A place in a generated value where a bad value can go instead. */
export interface Slot {
  ref: MemberRef;
  set(value: Value): void;
}

export interface Generated {
  value: { [key: string]: Value };
  slots: Slot[];
}

const NAMES = ['fz-a', 'fz-b', 'fz-c', 'default', 'scheduler', 'fz-long-name-0123456789'];
const MAX_DEPTH = 6;

function shapeOf(schema: ServiceSchema, name: string): Shape {
  const shape = schema.shapes[name];
  if (!shape) throw new Error(`no shape ${name}`);
  return shape;
}

/** A value of the operation's input that the model would accept, more or less. */
export function validInput(rng: Rng, schema: ServiceSchema, shapeName: string): Generated {
  const slots: Slot[] = [];
  const value = structure(rng, schema, shapeName, 0, slots, true);
  return { value, slots };
}

function structure(
  rng: Rng,
  schema: ServiceSchema,
  shapeName: string,
  depth: number,
  slots: Slot[],
  top = false,
): { [key: string]: Value } {
  const shape = shapeOf(schema, shapeName);
  const out: { [key: string]: Value } = {};
  if (shape.type !== 'structure') return out;
  const required = new Set(shape.required ?? []);
  const members = Object.entries(shape.members);
  // A union takes one member.
  const chosen = shape.union && members.length > 0 ? [rng.pick(members)] : members;
  for (const [name, ref] of chosen) {
    const include =
      required.has(name) || shape.union || (depth < MAX_DEPTH && rng.chance(top ? 0.5 : 0.3));
    if (!include) {
      // Absent members are places too: a bad value can appear where none was.
      slots.push({ ref, set: (v) => (out[name] = v) });
      continue;
    }
    out[name] = valueOf(rng, schema, ref, name, depth + 1, slots);
    slots.push({ ref, set: (v) => (out[name] = v) });
  }
  return out;
}

function valueOf(
  rng: Rng,
  schema: ServiceSchema,
  ref: MemberRef,
  memberName: string,
  depth: number,
  slots: Slot[],
): Value {
  const shape = shapeOf(schema, ref.shape);
  switch (shape.type) {
    case 'structure':
      if (shape.document) return { fuzz: rng.int(0, 9) };
      return structure(rng, schema, ref.shape, depth, slots);
    case 'list': {
      const min = shape.min ?? 0;
      const max = Math.min(shape.max ?? min + 3, min + 3);
      const n = depth >= MAX_DEPTH ? min : rng.int(min, Math.max(min, max));
      const items: Value[] = [];
      for (let i = 0; i < n; i++) {
        items.push(valueOf(rng, schema, shape.member, memberName, depth + 1, slots));
        const index = i;
        slots.push({ ref: shape.member, set: (v) => (items[index] = v) });
      }
      return items;
    }
    case 'map': {
      const out: { [key: string]: Value } = {};
      const n = depth >= MAX_DEPTH ? (shape.min ?? 0) : rng.int(shape.min ?? 0, 2);
      for (let i = 0; i < n; i++) {
        const keyShape = shapeOf(schema, shape.key.shape);
        const key = keyShape.type === 'string' ? stringFor(rng, keyShape, 'Key') : `k${i}`;
        out[key] = valueOf(rng, schema, shape.value, 'Value', depth + 1, slots);
      }
      return out;
    }
    case 'string':
      return stringFor(rng, shape, memberName);
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const min = shape.min ?? 0;
      const max = shape.max ?? Math.max(min + 100, 100);
      const n = rng.int(Math.ceil(min), Math.floor(Math.min(max, min + 1000)));
      return shape.type === 'float' || shape.type === 'double' ? n + 0.5 * rng.int(0, 1) : n;
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'timestamp':
      return new Stamp(Date.UTC(2026, 10, 28) + rng.int(-86_400, 86_400) * 1000);
    case 'blob':
      return new Bytes(Buffer.from(`fuzz-${rng.int(0, 999)}`));
  }
}

function stringFor(rng: Rng, shape: Extract<Shape, { type: 'string' }>, member: string): string {
  if (shape.enum && shape.enum.length > 0) return rng.pick(shape.enum);
  const lower = member.toLowerCase();
  let text: string;
  if (lower.endsWith('arn') || lower.includes('arn')) {
    text = rng.pick([
      `arn:aws:iam::000000000000:role/${rng.pick(NAMES)}`,
      `arn:aws:ecs:us-east-1:000000000000:cluster/${rng.pick(NAMES)}`,
      `arn:aws:logs:us-east-1:000000000000:log-group:${rng.pick(NAMES)}`,
      `arn:aws:events:us-east-1:000000000000:rule/${rng.pick(NAMES)}`,
    ]);
  } else if (lower.includes('token')) {
    text = rng.pick(['', 'AAAA', Buffer.from('{"k":1}').toString('base64'), 'x'.repeat(64)]);
  } else if (lower.includes('expression')) {
    text = rng.pick([
      'rate(1 minute)',
      'rate(5 minutes)',
      'cron(20 2 * * ? *)',
      'at(2026-11-29T00:00:00)',
    ]);
  } else if (lower.includes('pattern')) {
    text = rng.pick([
      '{"source":["fz"]}',
      'ERROR',
      '%\\d+%',
      '{ $.a = 1 }',
      '[a, b = 2]',
      '{"detail":{"x":[{"wildcard":"*a*b"}]}}',
    ]);
  } else if (lower.includes('document') || lower.includes('policy')) {
    text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }],
    });
  } else if (lower.includes('cidr')) {
    text = rng.pick(['10.0.0.0/16', '172.31.0.0/20', '10.1.2.0/24']);
  } else if (lower.endsWith('id') || lower.endsWith('ids')) {
    text = rng.pick([
      'vpc-0123456789abcdef0',
      'subnet-0123456789abcdef0',
      'sg-0123456789abcdef0',
      'fz-id',
    ]);
  } else {
    text = rng.pick(NAMES);
  }
  const min = shape.min ?? 0;
  const max = shape.max ?? 1_000_000;
  if (text.length < min) text = text.padEnd(min, 'x');
  if (text.length > max) text = text.slice(0, max);
  return text;
}

/** Stands in the list of odd texts for a run of x whose length each call draws. */
const LONG_TEXT = Symbol('x times 257 to 3000');

/**
 * Built once: some are hundreds of kilobytes, and building them on every call was most of
 * the fuzzer's own CPU. The order is the draw order, so a seed picks the same text as ever.
 */
const ODD_TEXTS: ReadonlyArray<string | typeof LONG_TEXT> = [
  '',
  ' ',
  '\u0000',
  '\u0000abc',
  '../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
  '..\\..\\windows',
  '\ud800',
  '\udfff\ud800',
  '😀'.repeat(300),
  'é',
  '\u202e\u2028\u2029\u0085',
  '${aws:username}',
  '${*}${?}${$}',
  '*'.repeat(300),
  '?*'.repeat(200),
  `${'*a'.repeat(200)}*b`,
  '%'.repeat(100),
  '\\'.repeat(101),
  '"\'<>&;|`$(){}[]',
  'arn:aws:::::::::::::::::::',
  LONG_TEXT,
  'x'.repeat(70_000),
  // JSON inside strings: policy documents, event patterns, event details, target input.
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  `{"Version":"2012-10-17","Statement":${'['.repeat(3_000)}${']'.repeat(3_000)}}`,
  JSON.stringify({
    Version: '2012-10-17',
    Statement: Array.from({ length: 3_000 }, (_, i) => ({
      Effect: 'Allow',
      Action: `s${i}:*`,
      Resource: `${'*a'.repeat(20)}*`,
    })),
  }),
  `{"source":${'['.repeat(2_000)}"x"${']'.repeat(2_000)}}`,
  `{"detail":${'{"a":'.repeat(3_000)}["x"]${'}'.repeat(3_000)}}`,
  '{"containerOverrides":[{"name":"x","command":' + '['.repeat(5_000) + ']'.repeat(5_000) + '}]}',
  'NaN',
  '-0',
  '1e309',
  'null',
  'true',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

/** Text that tends to find corners: control characters, traversal, lone surrogates, huge. */
export function oddText(rng: Rng): string {
  // Drawn before the pick, as when the list was built on each call: the same seed, the same text.
  const long = rng.int(257, 3000);
  const text = rng.pick(ODD_TEXTS);
  return text === LONG_TEXT ? 'x'.repeat(long) : text;
}

/** A value that does not fit `ref`'s shape, or fits it only at its limits. */
export function badValue(rng: Rng, schema: ServiceSchema, ref: MemberRef): Value {
  const shape = shapeOf(schema, ref.shape);
  const wrongType = (): Value =>
    rng.pick<Value>([
      123,
      -1,
      1.5,
      true,
      false,
      null,
      [],
      {},
      'text',
      [1, 'a', null],
      { a: { b: 1 } },
    ]);
  if (rng.chance(0.2)) return wrongType();
  switch (shape.type) {
    case 'string': {
      const choices: Array<() => Value> = [
        () => oddText(rng),
        () => 'x'.repeat((shape.max ?? 1024) + 1),
        () => (shape.min !== undefined && shape.min > 0 ? 'x'.repeat(shape.min - 1) : ''),
        () => '!@#$%^&*()=+[]{};:,<>/?\\|~',
      ];
      if (shape.enum && shape.enum.length > 0) {
        const e = rng.pick(shape.enum);
        choices.push(
          () => e.toLowerCase(),
          () => `${e} `,
          () => `${e}x`,
        );
      }
      return rng.pick(choices)();
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return rng.pick<Value>([
        (shape.min ?? 0) - 1,
        (shape.max ?? 2 ** 31) + 1,
        2 ** 31,
        -(2 ** 31) - 1,
        2 ** 53 + 2,
        2 ** 63,
        -(2 ** 63) - 1025,
        1e308,
        -1e308,
        5e-324,
        0.5,
        -0,
        '12',
        'NaN',
        'Infinity',
        '1e400',
      ]);
    case 'boolean':
      return rng.pick<Value>(['true', 'yes', 1, 0, 'FALSE', []]);
    case 'timestamp':
      return rng.pick<Value>([
        'yesterday',
        '2026-13-45T99:99:99Z',
        1e20,
        -1e20,
        -1,
        1e15,
        'NaN',
        '+275760-09-13T00:00:00Z',
        '',
      ]);
    case 'blob':
      return rng.pick<Value>(['!!!not base64!!!', 'AAA', 12, '====']);
    case 'list': {
      const item = (): Value => (rng.chance(0.5) ? 'fz-a' : { Name: 'fz-a' });
      const many = rng.pick([(shape.max ?? 100) + 1, 1_000, 5_000, 20_000]);
      return rng.pick<() => Value>([
        () => 'not-a-list',
        () => ({ 0: 'a' }),
        () => Array.from({ length: many }, item),
        () => [null, null],
        () => new RawJson(`${'['.repeat(1_200)}${']'.repeat(1_200)}`),
        () => new RawJson(`${'['.repeat(200)}${']'.repeat(200)}`),
      ])();
    }
    case 'map': {
      const many = rng.pick([51, 1_000, 10_000]);
      const big = (): Value => {
        const out: { [key: string]: Value } = {};
        for (let i = 0; i < many; i++) out[`k${i}`] = `v${i}`;
        return out;
      };
      return rng.pick<() => Value>([
        () => [],
        () => 'x',
        big,
        () => ({ ['__proto__']: 'x', constructor: 'y' }),
        () => ({ '': '' }),
      ])();
    }
    case 'structure':
      return rng.pick<() => Value>([
        () => 'x',
        () => [],
        () => 42,
        () => ({ Unknown: 'member', ['__proto__']: { polluted: true } }),
        () => new RawJson(`${'{"a":'.repeat(1_500)}1${'}'.repeat(1_500)}`),
        () => new RawJson(`${'{"a":'.repeat(300)}1${'}'.repeat(300)}`),
      ])();
  }
}
