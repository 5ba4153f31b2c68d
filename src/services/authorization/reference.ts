/**
 * The Service Authorization Reference as the authorizer reads it (generated/reference.ts):
 * an action's condition keys, and resource ARNs built from the reference's own templates,
 * so no ARN format is typed by hand.
 */
import { ACTIONS, RESOURCE_TYPES, type ReferenceAction } from './generated/reference.js';

export function referenceAction(action: string): ReferenceAction | undefined {
  return ACTIONS[action];
}

/** The condition keys an action accepts, lower-cased; `…/${TagKey}` keys by their prefix. */
export interface AcceptedKeys {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
}

const accepted = new Map<string, AcceptedKeys>();

/**
 * The keys the action lists, with those of its resource types (the reference's resource
 * type table applies to every action on that type).
 */
export function acceptedKeys(action: string): AcceptedKeys {
  let found = accepted.get(action);
  if (found) return found;
  const reference = ACTIONS[action];
  const keys = [
    ...(reference?.conditionKeys ?? []),
    ...(reference?.resources ?? []).flatMap(
      ([type]) => RESOURCE_TYPES[`${action.split(':')[0]}:${type}`]?.conditionKeys ?? [],
    ),
  ].map((key) => key.toLowerCase());
  // Tag keys are written `aws:ResourceTag/${TagKey}`, and by Secrets Manager and SSM
  // `secretsmanager:ResourceTag/tag-key`: either names every key after the slash.
  const templated = (key: string) => key.includes('${') || key.endsWith('/tag-key');
  found = {
    exact: new Set(keys.filter((key) => !templated(key))),
    prefixes: keys.filter(templated).map((key) => key.slice(0, key.lastIndexOf('/') + 1)),
  };
  accepted.set(action, found);
  return found;
}

export function accepts(keys: AcceptedKeys, key: string): boolean {
  const lower = key.toLowerCase();
  return keys.exact.has(lower) || keys.prefixes.some((prefix) => lower.startsWith(prefix));
}

/** Where a resource lives: its account and region (IAM's ARNs have no region). */
export interface ArnScope {
  accountId: string;
  region: string;
}

/**
 * The ARN of a resource of `type` (`ecs:cluster`), from the reference's template:
 * `${Partition}`, `${Region}` and `${Account}` from the scope, the rest from `names`
 * (`{ ClusterName: 'main' }`). A name left unfilled is a bug in the caller: it throws.
 */
export function arnOf(
  type: string,
  scope: ArnScope,
  names: Readonly<Record<string, string>>,
): string {
  let out = '';
  for (const part of templateOf(type)) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const name = part.name;
    if (name === 'Partition') out += 'aws';
    else if (name === 'Region') out += scope.region;
    else if (name === 'Account') out += scope.accountId;
    else {
      const value = names[name];
      if (value === undefined) throw new Error(`${type}'s ARN needs ${name}`);
      out += value;
    }
  }
  return out;
}

/** A template as literal text and `${Name}` holes, split once per resource type. */
type TemplatePart = string | { name: string };
const templates = new Map<string, TemplatePart[]>();

function templateOf(type: string): TemplatePart[] {
  let parts = templates.get(type);
  if (parts) return parts;
  const template = RESOURCE_TYPES[type]?.arn;
  if (!template) throw new Error(`The authorization reference has no resource type ${type}`);
  parts = template
    .split(/(\$\{[A-Za-z0-9]+\})/)
    .filter((part) => part !== '')
    .map((part) => (part.startsWith('${') ? { name: part.slice(2, -1) } : part));
  templates.set(type, parts);
  return parts;
}
