/**
 * EventBridge beyond ECS targets, applied with Terraform against teiki: connections of
 * every authorization type (the OAuth one authorized against a local token server), an
 * API destination, a rule whose target calls it with HTTP parameters, an archive and a
 * bus permission. It must apply, show no drift (`plan -detailed-exitcode` = 0), and
 * destroy, leaving no connection secret behind.
 */
import {
  DescribeArchiveCommand,
  DescribeConnectionCommand,
  DescribeEventBusCommand,
  EventBridgeClient,
  ListApiDestinationsCommand,
  ListArchivesCommand,
  ListConnectionsCommand,
} from '@aws-sdk/client-eventbridge';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'vitest';
import type { TerraformStack } from './stack-helpers.js';

function stack(tokenEndpoint: string): string {
  return `
resource "aws_cloudwatch_event_bus" "orders" {
  name = "orders"
}

resource "aws_cloudwatch_event_connection" "basic" {
  name               = "orders-basic"
  description        = "Basic credentials"
  authorization_type = "BASIC"
  auth_parameters {
    basic {
      username = "hook-user"
      password = "hook-pass"
    }
  }
}

resource "aws_cloudwatch_event_connection" "api_key" {
  name               = "orders-api-key"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "k-123"
    }
    invocation_http_parameters {
      header {
        key             = "x-team"
        value           = "platform"
        is_value_secret = false
      }
      header {
        key             = "x-signature"
        value           = "shh"
        is_value_secret = true
      }
      query_string {
        key             = "tenant"
        value           = "t1"
        is_value_secret = false
      }
    }
  }
}

resource "aws_cloudwatch_event_connection" "oauth" {
  name               = "orders-oauth"
  authorization_type = "OAUTH_CLIENT_CREDENTIALS"
  auth_parameters {
    oauth {
      authorization_endpoint = "${tokenEndpoint}"
      http_method            = "POST"
      client_parameters {
        client_id     = "cid"
        client_secret = "csecret"
      }
      oauth_http_parameters {
        body {
          key             = "audience"
          value           = "orders"
          is_value_secret = false
        }
      }
    }
  }
}

resource "aws_cloudwatch_event_api_destination" "hook" {
  name                             = "orders-hook"
  description                      = "Order webhook"
  invocation_endpoint              = "https://example.com/orders/*/events"
  http_method                      = "POST"
  invocation_rate_limit_per_second = 20
  connection_arn                   = aws_cloudwatch_event_connection.api_key.arn
}

resource "aws_iam_role" "invoke" {
  name = "invoke-orders-hook"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "events.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "invoke" {
  name = "invoke"
  role = aws_iam_role.invoke.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "events:InvokeApiDestination", Resource = aws_cloudwatch_event_api_destination.hook.arn }]
  })
}

resource "aws_cloudwatch_event_rule" "placed" {
  name           = "order-placed"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  event_pattern  = jsonencode({ source = ["shop.orders"] })
}

resource "aws_cloudwatch_event_target" "hook" {
  rule           = aws_cloudwatch_event_rule.placed.name
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  target_id      = "hook"
  arn            = aws_cloudwatch_event_api_destination.hook.arn
  role_arn       = aws_iam_role.invoke.arn
  http_target {
    path_parameter_values   = ["$.detail.id"]
    header_parameters       = { "x-source" = "terraform" }
    query_string_parameters = { "kind" = "placed" }
  }
  retry_policy {
    maximum_retry_attempts       = 3
    maximum_event_age_in_seconds = 600
  }
}

resource "aws_cloudwatch_event_archive" "orders" {
  name             = "orders-archive"
  description      = "Every order event"
  event_source_arn = aws_cloudwatch_event_bus.orders.arn
  event_pattern    = jsonencode({ source = ["shop.orders"] })
  retention_days   = 7
}

resource "aws_cloudwatch_event_permission" "partner" {
  principal      = "111122223333"
  statement_id   = "partner"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
}

output "basic_secret" { value = aws_cloudwatch_event_connection.basic.secret_arn }
output "destination_arn" { value = aws_cloudwatch_event_api_destination.hook.arn }
output "archive_arn" { value = aws_cloudwatch_event_archive.orders.arn }
`;
}

/**
 * The OAuth token endpoint, in a process of its own: Terraform runs synchronously and
 * would block a server in this one. It counts the token requests it answers.
 */
const TOKEN_SERVER = `
let served = 0;
require('node:http').createServer((req, res) => {
  if (req.url === '/count') { res.end(String(served)); return; }
  served += 1;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ access_token: 'tf-token', expires_in: 3600 }));
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
`;

export function eventsStack(): TerraformStack {
  let tokens: { process: ChildProcess; url: string } | undefined;
  const tokenUrl = () => {
    if (!tokens) throw new Error('the token server is not started');
    return tokens.url;
  };
  return {
    name: 'events',
    title: 'connections, API destinations, archives and permissions',
    get files() {
      return { 'main.tf': stack(`${tokenUrl()}/token`) };
    },
    teikiArgs: ['--allow-http-destinations'],
    async start() {
      const child = spawn(process.execPath, ['-e', TOKEN_SERVER], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const [port] = (await once(child.stdout, 'data')) as [Buffer];
      tokens = { process: child, url: `http://127.0.0.1:${port.toString().trim()}` };
    },
    async stop() {
      if (!tokens || tokens.process.exitCode !== null) return;
      const exited = once(tokens.process, 'exit');
      tokens.process.kill('SIGTERM');
      await exited;
    },
    afterApply: {
      'the connections are authorized, the destination, archive and bus policy as written': async ({
        outputs,
        client,
      }) => {
        expect(outputs.basic_secret?.value).toMatch(
          /^arn:aws:secretsmanager:us-east-1:000000000000:secret:events!connection\/orders-basic\/[0-9a-f-]{36}-[A-Za-z0-9]{6}$/,
        );
        const events = client(EventBridgeClient);
        const oauth = await events.send(new DescribeConnectionCommand({ Name: 'orders-oauth' }));
        expect(oauth.ConnectionState).toBe('AUTHORIZED');
        expect(Number(await (await fetch(`${tokenUrl()}/count`)).text())).toBeGreaterThanOrEqual(1);
        const apiKey = await events.send(new DescribeConnectionCommand({ Name: 'orders-api-key' }));
        expect(apiKey.AuthParameters?.InvocationHttpParameters?.HeaderParameters).toEqual([
          { Key: 'x-team', Value: 'platform', IsValueSecret: false },
          { Key: 'x-signature', IsValueSecret: true },
        ]);
        const destinations = await events.send(new ListApiDestinationsCommand({}));
        expect(destinations.ApiDestinations).toEqual([
          expect.objectContaining({
            ApiDestinationArn: outputs.destination_arn?.value,
            ApiDestinationState: 'ACTIVE',
            InvocationRateLimitPerSecond: 20,
          }),
        ]);
        const archive = await events.send(
          new DescribeArchiveCommand({ ArchiveName: 'orders-archive' }),
        );
        expect(archive).toMatchObject({ State: 'ENABLED', RetentionDays: 7 });
        const bus = await events.send(new DescribeEventBusCommand({ Name: 'orders' }));
        expect(JSON.parse(bus.Policy!)).toMatchObject({
          Statement: [{ Sid: 'partner', Principal: { AWS: 'arn:aws:iam::111122223333:root' } }],
        });
      },
    },
    afterDestroy: {
      'no connection, no archive, and no connection secret left': async ({ client }) => {
        const events = client(EventBridgeClient);
        expect((await events.send(new ListConnectionsCommand({}))).Connections).toEqual([]);
        expect((await events.send(new ListArchivesCommand({}))).Archives).toEqual([]);
        const secrets = await client(SecretsManagerClient).send(
          new ListSecretsCommand({ IncludePlannedDeletion: true }),
        );
        expect(secrets.SecretList).toEqual([]);
      },
    },
  };
}
