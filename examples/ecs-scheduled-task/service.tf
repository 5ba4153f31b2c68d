# Optional: a web app as an ECS service next to the scheduled task, as clusters that run
# scheduled tasks usually run services too. Off by default; `run_service = true` adds a
# task definition and a Fargate service kept at `service_desired_count` tasks, and the
# apply waits until they run (wait_for_steady_state).

variable "run_service" {
  description = "Also run the web app as an ECS service in the cluster."
  type        = bool
  default     = false
}

variable "service_desired_count" {
  description = "How many tasks the service keeps running."
  type        = number
  default     = 2
}

resource "aws_ecs_task_definition" "web" {
  count                    = var.run_service ? 1 : 0
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.ecs_scheduler_task_execution.arn
  container_definitions = jsonencode([{
    name      = "web"
    image     = local.image
    essential = true
    command   = ["sh", "web.sh"]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.ecs_scheduler.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = "web"
      }
    }
  }])
}

resource "aws_ecs_service" "web" {
  count           = var.run_service ? 1 : 0
  name            = "web"
  cluster         = aws_ecs_cluster.task_scheduler.id
  task_definition = aws_ecs_task_definition.web[0].arn
  desired_count   = var.service_desired_count
  launch_type     = "FARGATE"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    assign_public_ip = false
  }

  wait_for_steady_state = true
}

output "service_arn" {
  value = var.run_service ? aws_ecs_service.web[0].id : null
}
