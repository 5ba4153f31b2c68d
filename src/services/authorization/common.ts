/**
 * Permissions several services ask for in the same way: passing a role to a service, and
 * tagging a resource as it is created.
 */
import type { Store } from '../../store/types.js';
import { findRole } from '../iam/roles/records.js';
import { parseRoleArn } from '../sts/roles.js';
import type { Permission, Tags } from './permission.js';
import { arnOf } from './reference.js';

/** A role given as a name or an ARN, as its ARN (IAM has no region). */
export function roleArnOf(accountId: string, role: string): string {
  return role.startsWith('arn:')
    ? role
    : arnOf('iam:role', { accountId, region: '' }, { RoleNameWithPath: role });
}

/**
 * `iam:PassRole` on a role handed to `service` (`ecs-tasks.amazonaws.com`…), checked where
 * AWS checks it: when the role is given to the service, not when the service uses it.
 */
export function passRole(
  store: Store,
  accountId: string,
  role: string,
  service: string,
): Permission {
  const resource = roleArnOf(accountId, role);
  return {
    action: 'iam:PassRole',
    resource,
    context: { 'iam:PassedToService': service },
    resourceTags: () => roleTags(store, resource),
  };
}

async function roleTags(store: Store, roleArn: string): Promise<Tags | undefined> {
  const parsed = parseRoleArn(roleArn);
  const role = parsed && (await findRole(store, parsed.accountId, parsed.roleName));
  return role ? Object.fromEntries(role.tags.map((tag) => [tag.Key, tag.Value])) : undefined;
}

/**
 * Tagging a resource as it is created needs the service's TagResource too, with the
 * creating action in `<service>:CreateAction` (ECS and EC2 document it); nothing when the
 * request carries no tags.
 */
export function tagOnCreate(
  tagAction: string,
  resource: string,
  createAction: string,
  tags: Tags | undefined,
): Permission[] {
  if (!tags || Object.keys(tags).length === 0) return [];
  const prefix = tagAction.slice(0, tagAction.indexOf(':'));
  return [
    {
      action: tagAction,
      resource,
      context: { [`${prefix}:CreateAction`]: createAction },
      requestTags: tags,
    },
  ];
}
