/**
 * The names and ARNs of services, their deployments and revisions:
 * - service `arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE` (the long format);
 * - deployment ids `ecs-svc/` and 19 digits, as DescribeServices shows them;
 * - service deployments `…:service-deployment/CLUSTER/SERVICE/ID` (ID: 21 letters and
 *   digits, as AWS's examples show them);
 * - service revisions `…:service-revision/CLUSTER/SERVICE/NUMBER`, NUMBER being the digits
 *   of the deployment that introduced it (AWS pairs them the same way).
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Scope } from '../../../store/types.js';
import { ecsArn } from '../records.js';

export function serviceArn(scope: Scope, clusterName: string, serviceName: string): string {
  return ecsArn(scope, `service/${clusterName}/${serviceName}`);
}

export function newDeploymentId(): string {
  // 19 digits, the first not 0, as AWS's ids look (they are below 2^63).
  let digits = String(randomInt(1, 10));
  for (let i = 0; i < 18; i++) digits += String(randomInt(0, 10));
  return `ecs-svc/${digits}`;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newServiceDeploymentId(): string {
  const bytes = randomBytes(21);
  return [...bytes].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

export function revisionNumber(deploymentId: string): string {
  return deploymentId.slice('ecs-svc/'.length);
}

export function serviceDeploymentArn(
  scope: Scope,
  clusterName: string,
  serviceName: string,
  serviceDeploymentId: string,
): string {
  return ecsArn(scope, `service-deployment/${clusterName}/${serviceName}/${serviceDeploymentId}`);
}

export function serviceRevisionArn(
  scope: Scope,
  clusterName: string,
  serviceName: string,
  deploymentId: string,
): string {
  return ecsArn(
    scope,
    `service-revision/${clusterName}/${serviceName}/${revisionNumber(deploymentId)}`,
  );
}

/** The parts of a `service-deployment` or `service-revision` ARN of this scope. */
export function parseChildArn(
  scope: Scope,
  kind: 'service-deployment' | 'service-revision',
  arn: string,
): { clusterName: string; serviceName: string; id: string } | undefined {
  const match = /^arn:aws[a-z-]*:ecs:([^:]+):(\d{12}):([a-z-]+)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(
    arn,
  );
  if (!match || match[3] !== kind) return undefined;
  if (match[1] !== scope.region || match[2] !== scope.accountId) return undefined;
  return { clusterName: match[4] ?? '', serviceName: match[5] ?? '', id: match[6] ?? '' };
}
