/**
 * `aws_ecs_service` applied with Terraform against teiki (process runtime): a Fargate
 * service of two tasks in a subnet, with a circuit breaker, tags propagated from the
 * service and `wait_for_steady_state = true`, so the apply returns only once its tasks
 * run. A second plan shows no drift; a new revision applied rolls out; destroy drains the
 * service and deletes its cluster.
 */
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  ECSClient,
  ListTasksCommand,
  DescribeTasksCommand,
} from '@aws-sdk/client-ecs';
import { expect } from 'vitest';
import type { StackContext, TerraformStack } from './stack-helpers.js';

const stack = (revisionMarker: string) => `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id
}

resource "aws_ecs_cluster" "shop" {
  name = "shop"
}

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  container_definitions = jsonencode([{
    name        = "web"
    image       = "example/web:1"
    essential   = true
    command     = ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    environment = [{ name = "MARKER", value = "${revisionMarker}" }]
  }])
}

resource "aws_ecs_service" "web" {
  name            = "web"
  cluster         = aws_ecs_cluster.shop.id
  task_definition = aws_ecs_task_definition.web.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  deployment_minimum_healthy_percent = 50
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets         = [aws_subnet.private.id]
    security_groups = [aws_security_group.web.id]
  }

  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  wait_for_steady_state   = true

  tags = { Team = "shop" }
}

output "service_id" {
  value = aws_ecs_service.web.id
}
`;

const describeWeb = async (ecs: ECSClient) =>
  (
    await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['web'], include: ['TAGS'] }),
    )
  ).services?.[0];

const webTasks = async (ecs: ECSClient) => {
  const arns =
    (await ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'web' }))).taskArns ?? [];
  return arns.length === 0
    ? []
    : ((
        await ecs.send(
          new DescribeTasksCommand({ cluster: 'shop', tasks: arns, include: ['TAGS'] }),
        )
      ).tasks ?? []);
};

export function ecsServiceStack(): TerraformStack {
  /** The service's tasks just before the destroy. */
  let arns: string[] = [];
  const ecsOf = ({ client }: StackContext) => client(ECSClient);
  return {
    name: 'ecs-service',
    title: 'aws_ecs_service with wait_for_steady_state',
    files: { 'main.tf': stack('1') },
    changedFiles: { 'main.tf': stack('2') },
    afterApply: {
      'applies once its two tasks run': async (context) => {
        const ecs = ecsOf(context);
        const service = await describeWeb(ecs);
        expect(service).toMatchObject({
          status: 'ACTIVE',
          desiredCount: 2,
          runningCount: 2,
          pendingCount: 0,
          propagateTags: 'SERVICE',
          enableECSManagedTags: true,
          tags: [{ key: 'Team', value: 'shop' }],
          deploymentConfiguration: {
            minimumHealthyPercent: 50,
            maximumPercent: 200,
            deploymentCircuitBreaker: { enable: true, rollback: true },
          },
        });
        expect(context.outputs.service_id?.value).toBe(
          'arn:aws:ecs:us-east-1:000000000000:service/shop/web',
        );
        const tasks = await webTasks(ecs);
        expect(tasks).toHaveLength(2);
        for (const task of tasks) {
          expect(task.lastStatus).toBe('RUNNING');
          expect(task.tags).toEqual(expect.arrayContaining([{ key: 'Team', value: 'shop' }]));
        }
      },
    },
    afterChange: {
      'rolls out a new revision applied': async (context) => {
        const ecs = ecsOf(context);
        const service = await describeWeb(ecs);
        expect(service?.taskDefinition).toMatch(/task-definition\/web:2$/);
        expect(service?.deployments).toHaveLength(1);
        for (const task of await webTasks(ecs)) expect(task.taskDefinitionArn).toMatch(/web:2$/);
      },
    },
    async beforeDestroy(context) {
      arns = (await webTasks(ecsOf(context))).map((t) => t.taskArn ?? '');
    },
    afterDestroy: {
      'the service drained, so its cluster could go too': async (context) => {
        const ecs = ecsOf(context);
        // DeleteCluster is refused while a service is ACTIVE or DRAINING, or a task runs.
        const clusters = await ecs.send(new DescribeClustersCommand({ clusters: ['shop'] }));
        expect(clusters.clusters?.[0]).toMatchObject({
          status: 'INACTIVE',
          activeServicesCount: 0,
          runningTasksCount: 0,
        });
        await expect(describeWeb(ecs)).rejects.toThrow('Cluster not found.');
        expect(arns).toHaveLength(2);
      },
    },
  };
}
