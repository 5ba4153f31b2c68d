import { PatternFault } from './faults.js';
import { type Pattern, type SubRule, patternIdentity } from './patterns.js';

/**
 * Ruler's MachineComplexityEvaluator, as EventBridge applies it when a rule is added: for
 * each field's byte machine, the most wildcard patterns a single input could keep alive at
 * once. AWS refuses a rule above 10; this threshold is inferred from AWS's answers (four
 * `*\/datasync/*.ext` values on one field are refused, two are accepted, and the
 * documentation's `*:*:*:*:*:event-bus/*` is refused), not published.
 */
const LIMIT = 10;
const STAR = 256;
const OTHER = 257;
const MAX_SUBSETS = 100_000;

export const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

interface NameState {
  readonly fields: Map<string, FieldMachine>;
}

interface FieldMachine {
  readonly terms: Map<string, Pattern>;
  readonly next: Map<string, NameState>;
  /** States reached through value patterns; ruler evaluates only these further. */
  readonly onward: Set<NameState>;
}

export function checkComplexity(rules: readonly SubRule[]): void {
  const hasWildcard = rules.some((rule) =>
    [...rule.values()].some((ps) => ps.some((p) => wildcardValues(p).length > 0)),
  );
  if (!hasWildcard) return;
  const root = nameStates(rules);
  const seen = new Set<NameState>();
  const pending = [root];
  while (pending.length > 0) {
    const state = pending.pop()!;
    if (seen.has(state)) continue;
    seen.add(state);
    for (const machine of state.fields.values()) {
      if (fieldComplexity([...machine.terms.values()]) > LIMIT) {
        throw new PatternFault(TOO_COMPLEX, 'argument');
      }
      pending.push(...machine.onward);
    }
  }
}

/**
 * The name states ruler builds for the sub-rules: fields in sorted order, the patterns of
 * one field sharing their next state, and a pattern seen before leading where it led.
 */
function nameStates(rules: readonly SubRule[]): NameState {
  const root: NameState = { fields: new Map() };
  for (const rule of rules) {
    let states = new Set([root]);
    for (const name of [...rule.keys()].sort()) {
      const next = new Set<NameState>();
      for (const state of states) {
        let machine = state.fields.get(name);
        if (!machine) {
          machine = { terms: new Map(), next: new Map(), onward: new Set() };
          state.fields.set(name, machine);
        }
        let last: NameState | undefined;
        for (const pattern of rule.get(name)!) {
          const id = patternIdentity(pattern);
          machine.terms.set(id, pattern);
          const known = machine.next.get(id);
          if (known) {
            last = known;
          } else {
            last ??= { fields: new Map() };
            machine.next.set(id, last);
          }
          next.add(last);
          if (pattern.kind !== 'absent') machine.onward.add(last);
        }
      }
      states = next;
    }
  }
  return root;
}

function wildcardValues(p: Pattern): readonly string[] {
  if (p.kind === 'wildcard') return [p.value];
  if (p.kind === 'anything-but-wildcard') return p.values;
  return [];
}

interface ByteState {
  readonly literal: Map<number, Set<number>>;
  readonly any: Set<number>;
  readonly prefix: Map<number, number>;
  star?: number;
  /** The wildcard patterns whose paths run through this state. */
  readonly weight: Set<string>;
}

/** The byte automaton of one field's wildcard patterns, explored subset by subset. */
function fieldComplexity(patterns: readonly Pattern[]): number {
  const states: ByteState[] = [newState()];
  const terminals = new Map<string, number>();
  const alphabet = new Set<number>([OTHER]);
  for (const pattern of patterns) {
    const id = patternIdentity(pattern);
    for (const value of wildcardValues(pattern)) {
      addValue(states, terminals, alphabet, id, tokens(value));
    }
  }
  if (states.length === 1) return 0;
  let worst = 0;
  const seen = new Set<string>();
  const pending: number[][] = [[0]];
  while (pending.length > 0) {
    const active = pending.pop()!;
    for (const symbol of alphabet) {
      const next = new Set<number>();
      for (const s of active) {
        for (const t of states[s]!.any) next.add(t);
        for (const t of states[s]!.literal.get(symbol) ?? []) next.add(t);
      }
      if (next.size === 0) continue;
      let complexity = 0;
      for (const t of next) {
        complexity += states[t]!.weight.size;
        for (const w of states[t]!.any) if (!next.has(w)) complexity += states[w]!.weight.size;
      }
      if (complexity > LIMIT) return complexity;
      worst = Math.max(worst, complexity);
      const list = [...next].sort((a, b) => a - b);
      const key = list.join(',');
      if (!seen.has(key)) {
        if (seen.size >= MAX_SUBSETS) return LIMIT + 1;
        seen.add(key);
        pending.push(list);
      }
    }
  }
  return worst;
}

function newState(): ByteState {
  return { literal: new Map(), any: new Set(), prefix: new Map(), weight: new Set() };
}

/**
 * Ruler shares a deterministic prefix and its first wildcard state between patterns, and
 * gives every pattern its own states after its first wildcard. A wildcard may match
 * nothing, so the byte after it is also reachable from the state before it.
 */
function addValue(
  states: ByteState[],
  terminals: Map<string, number>,
  alphabet: Set<number>,
  id: string,
  toks: number[],
): void {
  let cur = 0;
  let prev = -1;
  let determinate = true;
  toks.forEach((tok, i) => {
    const terminal = i === toks.length - 1;
    let next: number | undefined;
    if (terminal) next = terminals.get(id);
    else if (determinate && tok === STAR) next = states[cur]!.star;
    else if (determinate) next = states[cur]!.prefix.get(tok);
    if (next === undefined) {
      next = states.length;
      states.push(newState());
      if (terminal) terminals.set(id, next);
      else if (determinate && tok === STAR) states[cur]!.star = next;
      else if (determinate) states[cur]!.prefix.set(tok, next);
    }
    if (tok === STAR) {
      determinate = false;
      states[cur]!.any.add(next);
      states[next]!.any.add(next);
    } else {
      alphabet.add(tok);
      link(states[cur]!, tok, next);
      if (i > 0 && toks[i - 1] === STAR) link(states[prev]!, tok, next);
    }
    states[next]!.weight.add(id);
    prev = cur;
    cur = next;
  });
}

function link(state: ByteState, byte: number, to: number): void {
  let targets = state.literal.get(byte);
  if (!targets) state.literal.set(byte, (targets = new Set()));
  targets.add(to);
}

/** The UTF-8 bytes of `"value"`, with STAR for each unescaped `*`. */
function tokens(value: string): number[] {
  const out = [0x22];
  const bytes = Buffer.from(value, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x2a) out.push(STAR);
    else if (b === 0x5c) out.push(bytes[++i]!);
    else out.push(b);
  }
  out.push(0x22);
  return out;
}
