/**
 * The check CreateSchedule and UpdateSchedule make of the target's role: AWS assumes it
 * as `scheduler.amazonaws.com` when the schedule is written, so a role that does not exist,
 * or whose trust policy does not let Scheduler in, is refused then, not at the first run.
 * AWS sets `aws:SourceAccount` and `aws:SourceArn` (the schedule group's ARN, as its
 * confused-deputy guide documents) for that assume, so trust conditions on them count.
 */
import { evaluateTrust } from '../../engine/iam-policy/index.js';
import type { Scope } from '../../store/types.js';
import type { RoleDirectory } from '../sts/roles.js';
import { roleNotAssumable } from './errors.js';
import { scheduleGroupArn } from './records.js';

export const SCHEDULER_PRINCIPAL = 'scheduler.amazonaws.com';

export async function checkRoleAssumable(
  roles: RoleDirectory,
  scope: Scope,
  groupName: string,
  roleArn: string,
): Promise<void> {
  const role = await roles.findRole(roleArn);
  if (!role?.trustPolicy) throw roleNotAssumable();
  const decision = evaluateTrust(
    { source: `${role.arn ?? roleArn} trust policy`, document: role.trustPolicy },
    {
      principal: { kind: 'service', service: SCHEDULER_PRINCIPAL },
      action: 'sts:AssumeRole',
      resource: role.arn ?? roleArn,
      context: {
        'aws:SourceAccount': scope.accountId,
        'aws:SourceArn': scheduleGroupArn(scope, groupName),
      },
    },
  );
  if (decision.decision !== 'Allow') throw roleNotAssumable();
}
