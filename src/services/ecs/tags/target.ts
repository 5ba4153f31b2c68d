/**
 * What a tagging ARN names. teiki keeps tags on clusters, task definitions and tasks:
 * `…:cluster/NAME`, `…:task-definition/FAMILY:REV` and `…:task/CLUSTER/TASK_ID`. A task ARN
 * of the old short form (`…:task/TASK_ID`) is refused as AWS refuses it, and so is a
 * service ARN of the short form (`…:service/NAME`); services are tagged by
 * `…:service/CLUSTER/NAME`; any other ARN is invalid.
 */
import type { Scope } from '../../../store/types.js';
import { InvalidParameterException } from '../generated/errors.js';

export type TagTarget =
  | { kind: 'cluster'; clusterName: string; elsewhere: boolean }
  | { kind: 'task-definition'; arn: string; elsewhere: boolean }
  | { kind: 'task'; clusterName: string; taskId: string; elsewhere: boolean }
  | { kind: 'service'; clusterName: string; serviceName: string; elsewhere: boolean };

const ECS_ARN = /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):(\d{12}):([a-z-]+)\/(.+)$/;
const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const REVISION = /^[A-Za-z0-9_-]{1,255}:[1-9]\d*$/;

function invalid(): never {
  throw new InvalidParameterException('The ARN provided is invalid.');
}

export function tagTarget(scope: Scope, resourceArn: string): TagTarget {
  const match = ECS_ARN.exec(resourceArn);
  if (!match) invalid();
  const [, region, accountId, kind, rest = ''] = match;
  // An ARN of another account or region is well formed but names nothing the caller has.
  const elsewhere = region !== scope.region || accountId !== scope.accountId;
  switch (kind) {
    case 'cluster':
      if (!NAME.test(rest)) invalid();
      return { kind: 'cluster', clusterName: rest, elsewhere };
    case 'task-definition':
      if (!REVISION.test(rest)) invalid();
      return { kind: 'task-definition', arn: resourceArn, elsewhere };
    case 'task': {
      const parts = rest.split('/');
      if (parts.length === 1) {
        throw new InvalidParameterException('Long arn format must be used for tagging operations');
      }
      const [clusterName = '', taskId = ''] = parts;
      if (parts.length !== 2 || !NAME.test(clusterName) || !/^[A-Za-z0-9]+$/.test(taskId)) {
        invalid();
      }
      return { kind: 'task', clusterName, taskId, elsewhere };
    }
    case 'service': {
      const parts = rest.split('/');
      if (parts.length === 1) {
        throw new InvalidParameterException('Long arn format must be used for tagging operations');
      }
      const [clusterName = '', serviceName = ''] = parts;
      if (parts.length !== 2 || !NAME.test(clusterName) || !NAME.test(serviceName)) invalid();
      return { kind: 'service', clusterName, serviceName, elsewhere };
    }
    default:
      return invalid();
  }
}
