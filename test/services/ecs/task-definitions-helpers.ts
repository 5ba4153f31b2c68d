/** Shared inputs for the task definition suites: the seed's definition and error capture. */
import { ECSServiceException, type RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { rejection } from '../../helpers/errors.js';

export const EXECUTION_ROLE = 'arn:aws:iam::000000000000:role/EcsTaskExecutionRole-sample';
export const SEED_IMAGE = '000000000000.dkr.ecr.ap-northeast-1.amazonaws.com/sample-app:1.0.0';

/**
 * The article's `task-definitions/scheduler.json` with its placeholders filled, as
 * Terraform's templatefile renders it (`memory` stays null).
 */
export const SEED_CONTAINER_DEFINITIONS_JSON = `[
  {
    "name": "scheduler",
    "image": "${SEED_IMAGE}",
    "cpu": 128,
    "memory": null,
    "memoryReservation": 128,
    "logConfiguration": {
      "logDriver": "awslogs",
      "options": {
        "awslogs-group": "/ecs-scheduler",
        "awslogs-region": "ap-northeast-1",
        "awslogs-stream-prefix": "scheduler",
        "awslogs-datetime-format": "%Y-%m-%d %H:%M:%S"
      }
    }
  }
]`;

/** The article's aws_ecs_task_definition as RegisterTaskDefinition input. */
export function seedTaskDefinition(family = 'scheduler'): RegisterTaskDefinitionCommandInput {
  return {
    family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: JSON.parse(
      SEED_CONTAINER_DEFINITIONS_JSON,
    ) as RegisterTaskDefinitionCommandInput['containerDefinitions'],
    executionRoleArn: EXECUTION_ROLE,
  };
}

/** A small EC2 (bridge) definition with one container. */
export function minimalTaskDefinition(family: string): RegisterTaskDefinitionCommandInput {
  return {
    family,
    containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64 }],
  };
}

export function ecsError(promise: Promise<unknown>): Promise<ECSServiceException> {
  return rejection(promise, ECSServiceException);
}
