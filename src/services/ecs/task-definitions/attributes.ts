/**
 * What ECS derives from a task definition when it registers it: the container-instance
 * attributes a task of it needs (`requiresAttributes`) and the launch types it fits
 * (`compatibilities`). The attribute names and their order follow what ECS returns for
 * the same features.
 */
import type {
  Attribute,
  Compatibility,
  ContainerDefinition,
  RegisterTaskDefinitionRequest,
} from '../generated/types.js';
import type { TaskSize } from './validate-task.js';
import { isFargateSize } from './units.js';

const ECR_IMAGE = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

/** An image in a private ECR registry, which needs ECR credentials to pull. */
export function isEcrImage(image: string): boolean {
  return ECR_IMAGE.test(image);
}

const CAPABILITY = 'com.amazonaws.ecs.capability';
const dockerApi = (version: string) => `${CAPABILITY}.docker-remote-api.${version}`;

export function requiresAttributes(input: RegisterTaskDefinitionRequest): Attribute[] {
  const containers = input.containerDefinitions;
  const any = (test: (c: ContainerDefinition) => boolean) => containers.some(test);
  const executionRole = Boolean(input.executionRoleArn);
  const awslogs = any((c) => c.logConfiguration?.logDriver === 'awslogs');
  const ecr = any((c) => isEcrImage(c.image ?? ''));
  const efs = (input.volumes ?? []).filter((v) => v.efsVolumeConfiguration);
  const secrets = containers.flatMap((c) => c.secrets ?? []);
  const awsvpc = input.networkMode === 'awsvpc';

  const names: Array<string | false> = [
    ...containers.flatMap((c) =>
      c.logConfiguration ? [`${CAPABILITY}.logging-driver.${c.logConfiguration.logDriver}`] : [],
    ),
    awslogs && executionRole && 'ecs.capability.execution-role-awslogs',
    efs.some((v) => v.efsVolumeConfiguration?.authorizationConfig) && 'ecs.capability.efsAuth',
    ecr && `${CAPABILITY}.ecr-auth`,
    any((c) => c.logConfiguration !== undefined) && dockerApi('1.19'),
    efs.length > 0 && 'ecs.capability.efs',
    any((c) => c.memoryReservation !== undefined) && dockerApi('1.21'),
    Boolean(input.taskRoleArn) && `${CAPABILITY}.task-iam-role`,
    any((c) => c.healthCheck !== undefined) && 'ecs.capability.container-health-check',
    ecr && executionRole && 'ecs.capability.execution-role-ecr-pull',
    secrets.some((s) => s.valueFrom.includes(':secretsmanager:')) &&
      'ecs.capability.secrets.asm.environment-variables',
    secrets.some((s) => !s.valueFrom.includes(':secretsmanager:')) &&
      'ecs.capability.secrets.ssm.environment-variables',
    any((c) => (c.dependsOn ?? []).length > 0) && 'ecs.capability.container-ordering',
    awsvpc && dockerApi('1.18'),
    awsvpc && 'ecs.capability.task-eni',
    any((c) => c.healthCheck?.startPeriod !== undefined) && dockerApi('1.29'),
  ];
  const unique = [...new Set(names.filter((n): n is string => n !== false))];
  return unique.map((name) => ({ name }));
}

/** Fargate takes only awsvpc, a Fargate size, and an execution role for awslogs and ECR. */
function fitsFargate(input: RegisterTaskDefinitionRequest, size: TaskSize): boolean {
  if (input.networkMode !== 'awsvpc' || size.cpu === undefined || size.memory === undefined)
    return false;
  if (!isFargateSize(size.cpu, size.memory)) return false;
  if (input.executionRoleArn) return true;
  return !input.containerDefinitions.some(
    (c) => c.logConfiguration?.logDriver === 'awslogs' || isEcrImage(c.image ?? ''),
  );
}

export function compatibilities(
  input: RegisterTaskDefinitionRequest,
  size: TaskSize,
): Compatibility[] {
  // ECS Anywhere (EXTERNAL) runs bridge, host and none tasks but not awsvpc ones.
  if (input.networkMode !== 'awsvpc') return ['EXTERNAL', 'EC2'];
  return fitsFargate(input, size) ? ['EC2', 'FARGATE'] : ['EC2'];
}
