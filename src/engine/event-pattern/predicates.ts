import type { Leaf } from './event-leaves.js';
import { equalsIgnoreCase, prefixIgnoreCase, suffixIgnoreCase } from './ignore-case.js';
import { inRange, ipBytes } from './ip.js';
import { eventMicros } from './numbers.js';
import type { Pattern } from './patterns.js';
import { wildcardMatcher } from './wildcard.js';

export type Predicate = (leaf: Leaf) => boolean;

/**
 * What each pattern accepts, byte for byte as ruler compares `"string"` (quotes included),
 * numbers and literals. Only strings satisfy the string operators; anything-but accepts
 * every value it does not exclude, so a number or null passes an anything-but of strings.
 */
export function predicate(p: Pattern): Predicate {
  switch (p.kind) {
    case 'exact': {
      const v = p.value;
      return (l) => l.value === v;
    }
    case 'literal': {
      const v = p.value;
      return (l) => l.value === v;
    }
    case 'number': {
      const { micros } = p;
      if (micros !== undefined) return (l) => micros === microsOf(l);
      const v = Number(p.text);
      return (l) => l.value === v;
    }
    case 'numeric-equals': {
      const { micros } = p;
      return (l) => micros === microsOf(l);
    }
    case 'range': {
      const { bottom, openBottom, top, openTop } = p;
      return (l) => {
        const m = microsOf(l);
        if (m === null) return false;
        return (openBottom ? m > bottom : m >= bottom) && (openTop ? m < top : m <= top);
      };
    }
    case 'ip': {
      const range = { bottom: p.address, top: p.address };
      return (l) => {
        const a = addressOf(l);
        return a !== null && inRange(a, range);
      };
    }
    case 'cidr': {
      const { range } = p;
      return (l) => {
        const a = addressOf(l);
        return a !== null && inRange(a, range);
      };
    }
    case 'prefix': {
      const v = p.value;
      return (l) => typeof l.value === 'string' && `${l.value}"`.startsWith(v);
    }
    case 'suffix': {
      const v = p.value;
      return (l) => typeof l.value === 'string' && `"${l.value}`.endsWith(v);
    }
    case 'equals-ignore-case':
      return onStrings(equalsIgnoreCase(p.value));
    case 'prefix-ignore-case':
      return onStrings(prefixIgnoreCase(p.value));
    case 'suffix-ignore-case':
      return onStrings(suffixIgnoreCase(p.value));
    case 'wildcard':
      return onStrings(wildcardMatcher(p.value));
    case 'exists':
      return () => true;
    case 'absent':
      return () => false;
    case 'anything-but': {
      const strings = new Set(p.strings);
      const micros = new Set(p.micros);
      return (l) => {
        if (typeof l.value === 'string') return !strings.has(l.value);
        const m = microsOf(l);
        return m === null || !micros.has(m);
      };
    }
    case 'anything-but-prefix':
      return excluding(p.values.map((v) => (s: string) => `${s}"`.startsWith(v)));
    case 'anything-but-suffix':
      return excluding(p.values.map((v) => (s: string) => `"${s}`.endsWith(v)));
    case 'anything-but-ignore-case':
      return excluding(p.values.map(equalsIgnoreCase));
    case 'anything-but-wildcard':
      return excluding(p.values.map(wildcardMatcher));
  }
}

function onStrings(test: (s: string) => boolean): Predicate {
  return (l) => typeof l.value === 'string' && test(l.value);
}

function excluding(tests: ((s: string) => boolean)[]): Predicate {
  return (l) => typeof l.value !== 'string' || !tests.some((t) => t(l.value as string));
}

function microsOf(leaf: Leaf): number | null {
  if (leaf.micros === undefined) {
    leaf.micros = typeof leaf.value === 'number' ? (eventMicros(leaf.value) ?? null) : null;
  }
  return leaf.micros;
}

function addressOf(leaf: Leaf): Uint8Array | null {
  if (leaf.address === undefined) {
    leaf.address = typeof leaf.value === 'string' ? (ipBytes(leaf.value) ?? null) : null;
  }
  return leaf.address;
}
