import { barf } from './faults.js';
import { ipBytes } from './ip.js';
import { JsonReader, isNumeric } from './json-reader.js';
import { matchExpression } from './match-expression.js';
import { comparable } from './numbers.js';
import type { Pattern, SubRule } from './patterns.js';

const OR = '$or';

/** Field names that may not appear inside a `$or` branch (ruler's reserved words). */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  'html',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

/**
 * Ruler's JsonRuleCompiler (with `orAware`) or its older RuleCompiler, to which ruler falls
 * back when the first refuses a pattern, and which reads `$or` as an ordinary field name.
 * Fields are written into every alternative built so far, in document order, so a later
 * write to the same path replaces an earlier one.
 */
export function compileRules(source: string, orAware: boolean): SubRule[] {
  const reader = new JsonReader(source);
  const rules: SubRule[] = [];
  if (reader.nextToken() !== 'START_OBJECT') barf(reader, 'Filter is not an object');
  new RuleCompiler(reader, orAware).object(rules, [], false);
  return rules;
}

class RuleCompiler {
  constructor(
    private readonly reader: JsonReader,
    private readonly orAware: boolean,
  ) {}

  /** The fields of an object, after its '{'. */
  object(rules: SubRule[], path: string[], insideOr: boolean): void {
    const reader = this.reader;
    let fields = false;
    while (reader.nextToken() !== 'END_OBJECT') {
      fields = true;
      const step = reader.name();
      if (this.orAware && step === OR) {
        this.or(rules, path);
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(step)) {
        barf(reader, `${step} is Ruler reserved fieldName which cannot be used inside $or.`);
      }
      const token = reader.nextToken();
      if (token === 'START_OBJECT') this.object(rules, [...path, step], insideOr);
      else if (token === 'START_ARRAY') this.values(rules, [...path, step].join('.'));
      else barf(reader, `"${step}" must be an object or an array`);
    }
    if (!fields) barf(reader, 'Empty objects are not allowed');
  }

  /** `"$or": [ {…}, {…}, … ]`: each branch continues every alternative built so far. */
  private or(rules: SubRule[], path: string[]): void {
    const reader = this.reader;
    const before = rules.map((r) => new Map(r));
    rules.length = 0;
    if (reader.nextToken() !== 'START_ARRAY')
      barf(reader, 'It must be an Array followed with $or.');
    let branches = 0;
    for (let t = reader.nextToken(); t !== 'END_ARRAY'; t = reader.nextToken()) {
      branches++;
      if (t !== 'START_OBJECT') {
        barf(reader, 'Only JSON object is allowed in array of $or relationship.');
      }
      const branch: SubRule[] =
        before.length > 0 ? before.map((r) => new Map(r)) : [new Map<string, Pattern[]>()];
      this.object(branch, path, true);
      rules.push(...branch);
    }
    if (branches < 2) barf(reader, 'There must have at least 2 Objects in $or relationship.');
  }

  /** A field's list of values, after its '['. */
  private values(rules: SubRule[], name: string): void {
    const reader = this.reader;
    const patterns: Pattern[] = [];
    for (let t = reader.nextToken(); t !== 'END_ARRAY'; t = reader.nextToken()) {
      if (t === 'START_OBJECT') {
        patterns.push(matchExpression(reader));
      } else if (t === 'STRING') {
        const text = reader.text();
        const address = ipBytes(text);
        patterns.push(address ? { kind: 'ip', address } : { kind: 'exact', value: text });
      } else if (isNumeric(t)) {
        const text = reader.text();
        const c = comparable(text);
        patterns.push({ kind: 'number', text, micros: c.ok ? c.micros : undefined });
      } else if (t === 'TRUE' || t === 'FALSE' || t === 'NULL') {
        patterns.push({ kind: 'literal', value: t === 'NULL' ? null : t === 'TRUE' });
      } else {
        barf(reader, 'Match value must be String, number, true, false, or null');
      }
    }
    if (patterns.length === 0) barf(reader, 'Empty arrays are not allowed');
    if (rules.length === 0) rules.push(new Map());
    for (const rule of rules) rule.set(name, patterns);
  }
}
