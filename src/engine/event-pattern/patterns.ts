import type { IpRange } from './ip.js';

/**
 * One value pattern of a field, as ruler's compilers produce them. A field lists several;
 * the field matches when any of them does.
 */
export type Pattern =
  /** A JSON string in the pattern (also `{"exactly": …}`). */
  | { readonly kind: 'exact'; readonly value: string }
  | { readonly kind: 'literal'; readonly value: boolean | null }
  /** A JSON number: numerically equal when comparable, else the identical number. */
  | { readonly kind: 'number'; readonly text: string; readonly micros: number | undefined }
  /** A string that is an IP address: matches the same address written any way. */
  | { readonly kind: 'ip'; readonly address: Uint8Array }
  | {
      readonly kind: 'range';
      readonly bottom: number;
      readonly openBottom: boolean;
      readonly top: number;
      readonly openTop: boolean;
    }
  | { readonly kind: 'numeric-equals'; readonly micros: number }
  | { readonly kind: 'cidr'; readonly range: IpRange }
  | {
      readonly kind:
        | 'prefix'
        | 'suffix'
        | 'equals-ignore-case'
        | 'prefix-ignore-case'
        | 'suffix-ignore-case'
        | 'wildcard';
      readonly value: string;
    }
  | { readonly kind: 'exists' }
  | { readonly kind: 'absent' }
  /** anything-but values: all strings, or all numbers (in millionths). */
  | {
      readonly kind: 'anything-but';
      readonly strings: readonly string[];
      readonly micros: readonly number[];
    }
  | {
      readonly kind:
        | 'anything-but-prefix'
        | 'anything-but-suffix'
        | 'anything-but-ignore-case'
        | 'anything-but-wildcard';
      readonly values: readonly string[];
    };

/** One alternative of a pattern: field path → its value patterns. `$or` yields several. */
export type SubRule = Map<string, Pattern[]>;

/** A stable name for a pattern, so equal patterns can be recognised as one. */
export function patternIdentity(p: Pattern): string {
  switch (p.kind) {
    case 'exact':
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
    case 'prefix-ignore-case':
    case 'suffix-ignore-case':
    case 'wildcard':
      return `${p.kind}:${JSON.stringify(p.value)}`;
    case 'literal':
      return `literal:${String(p.value)}`;
    case 'number':
      return p.micros === undefined ? `number:${p.text}` : `micros:${p.micros}`;
    case 'numeric-equals':
      return `micros:${p.micros}`;
    case 'ip':
      return `ip:${Array.from(p.address).join('.')}`;
    case 'cidr':
      return `cidr:${Array.from(p.range.bottom).join('.')}-${Array.from(p.range.top).join('.')}`;
    case 'range':
      return `range:${p.openBottom ? '(' : '['}${p.bottom},${p.top}${p.openTop ? ')' : ']'}`;
    case 'exists':
    case 'absent':
      return p.kind;
    case 'anything-but':
      return `anything-but:${JSON.stringify([...p.strings].sort())}:${[...p.micros].sort().join(',')}`;
    default:
      return `${p.kind}:${JSON.stringify([...p.values].sort())}`;
  }
}
