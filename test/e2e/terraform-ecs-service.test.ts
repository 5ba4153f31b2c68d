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
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';
import { TerraformWorkspace } from '../helpers/terraform.js';

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

let teiki: TeikiProcess;
let tf: TerraformWorkspace;
let ecs: ECSClient;
const dir = tempDir('teiki-tf-service-');

beforeAll(async () => {
  teiki = await spawnTeiki(['--in-memory']);
  ecs = new ECSClient({
    endpoint: teiki.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  tf = TerraformWorkspace.create(dir, teiki.url, { 'main.tf': stack('1') });
});
afterAll(() => {
  teiki.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const describeWeb = async () =>
  (
    await ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['web'], include: ['TAGS'] }),
    )
  ).services?.[0];

const webTasks = async () => {
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

// Terraform runs without blocking the worker (a loaded machine outlasts its RPC timeout),
// each step with room for a slow machine.
const SLOW = { timeout: 300_000 };

describe('aws_ecs_service with wait_for_steady_state', () => {
  it('applies once its two tasks run', SLOW, async () => {
    await tf.applyAsync();
    const service = await describeWeb();
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
    expect(tf.output().service_id?.value).toBe(
      'arn:aws:ecs:us-east-1:000000000000:service/shop/web',
    );
    const tasks = await webTasks();
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      expect(task.lastStatus).toBe('RUNNING');
      expect(task.tags).toEqual(expect.arrayContaining([{ key: 'Team', value: 'shop' }]));
    }
  });

  it('plans clean', SLOW, async () => {
    const plan = await tf.planAsync();
    expect(plan.stderr).toBe('');
    expect(plan.status).toBe(0);
  });

  it('rolls out a new revision applied', SLOW, async () => {
    tf = TerraformWorkspace.create(dir, teiki.url, { 'main.tf': stack('2') });
    await tf.applyAsync();
    const service = await describeWeb();
    expect(service?.taskDefinition).toMatch(/task-definition\/web:2$/);
    expect(service?.deployments).toHaveLength(1);
    for (const task of await webTasks()) expect(task.taskDefinitionArn).toMatch(/web:2$/);
    expect((await tf.planAsync()).status).toBe(0);
  });

  it('destroys: the service drained, so its cluster could go too', SLOW, async () => {
    const arns = (await webTasks()).map((t) => t.taskArn ?? '');
    await tf.destroyAsync();
    // DeleteCluster is refused while a service is ACTIVE or DRAINING, or a task runs.
    const clusters = await ecs.send(new DescribeClustersCommand({ clusters: ['shop'] }));
    expect(clusters.clusters?.[0]).toMatchObject({
      status: 'INACTIVE',
      activeServicesCount: 0,
      runningTasksCount: 0,
    });
    await expect(describeWeb()).rejects.toThrow('Cluster not found.');
    expect(arns).toHaveLength(2);
  });
});
