/**
 * A policy document read into the form the evaluator walks. Documents reach the
 * evaluator after validation, so this reads leniently: anything it cannot read
 * contributes no statement rather than failing a scheduled run.
 */
import type { ConditionEntry } from './conditions.js';
import {
  VERSION_2008,
  isJsonObject,
  parseJson,
  statementList,
  stringList,
  type Json,
} from './grammar.js';

/** `"*"`, or principal type (`AWS`, `Service`, `Federated`, …) → values. */
export type PrincipalSpec = '*' | Record<string, string[]>;

export interface ParsedStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  conditions: ConditionEntry[];
}

export interface ParsedPolicy {
  version: string;
  statements: ParsedStatement[];
}

const cache = new Map<string, ParsedPolicy | undefined>();
const CACHE_LIMIT = 500;

/** The policy, or undefined when the text is not a JSON object. */
export function parsePolicy(text: string): ParsedPolicy | undefined {
  if (cache.has(text)) return cache.get(text);
  const parsed = read(parseJson(text));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

function read(document: Json | undefined): ParsedPolicy | undefined {
  if (!isJsonObject(document)) return undefined;
  const version = typeof document['Version'] === 'string' ? document['Version'] : VERSION_2008;
  const statements: ParsedStatement[] = [];
  statementList(document['Statement']).forEach((raw, index) => {
    if (!isJsonObject(raw)) return;
    const effect = typeof raw['Effect'] === 'string' ? raw['Effect'].toLowerCase() : '';
    if (effect !== 'allow' && effect !== 'deny') return;
    const statement: ParsedStatement = {
      index,
      effect: effect === 'allow' ? 'Allow' : 'Deny',
      conditions: readConditions(raw['Condition']),
    };
    if (typeof raw['Sid'] === 'string' && raw['Sid'] !== '') statement.sid = raw['Sid'];
    if ('Action' in raw) statement.action = stringList(raw['Action']);
    if ('NotAction' in raw) statement.notAction = stringList(raw['NotAction']);
    if ('Resource' in raw) statement.resource = stringList(raw['Resource']);
    if ('NotResource' in raw) statement.notResource = stringList(raw['NotResource']);
    const principal = readPrincipal(raw['Principal']);
    if (principal) statement.principal = principal;
    const notPrincipal = readPrincipal(raw['NotPrincipal']);
    if (notPrincipal) statement.notPrincipal = notPrincipal;
    statements.push(statement);
  });
  return { version, statements };
}

function readPrincipal(raw: Json | undefined): PrincipalSpec | undefined {
  if (raw === '*') return '*';
  if (!isJsonObject(raw)) return undefined;
  const spec: Record<string, string[]> = {};
  for (const [type, values] of Object.entries(raw)) spec[type] = stringList(values);
  return spec;
}

function readConditions(raw: Json | undefined): ConditionEntry[] {
  if (!isJsonObject(raw)) return [];
  const entries: ConditionEntry[] = [];
  for (const [operator, block] of Object.entries(raw)) {
    if (!isJsonObject(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      const list = Array.isArray(value) ? value : [value];
      const values = list
        .filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        .map(String);
      entries.push({ operator, key, values });
    }
  }
  return entries;
}
