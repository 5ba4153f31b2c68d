import { describe, expect, it } from 'vitest';
import { evaluateIdentity, type Decision } from '../../../src/engine/iam-policy/index.js';
import { ACCOUNT, TASK_DEFINITION, policy, rolePrincipal, userPrincipal } from './helpers.js';

const EVENTS_POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/EcsEventsPolicy-sample`;

/** The article's policies/iam_policy/ecs_events.json after templatefile (revision cut off). */
const articleEventsPolicy = policy(EVENTS_POLICY_ARN, [
  { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
  { Effect: 'Allow', Action: 'ecs:RunTask', Resource: `${TASK_DEFINITION}/scheduler` },
]);

function runTask(resource: string, policies: Parameters<typeof evaluateIdentity>[1]): Decision {
  return evaluateIdentity({ principal: rolePrincipal, action: 'ecs:RunTask', resource }, policies);
}

describe('the article: events role running the scheduler task', () => {
  it('denies RunTask on a revision, since the policy names the family without one', () => {
    const decision = runTask(`${TASK_DEFINITION}/scheduler:3`, {
      identityPolicies: [articleEventsPolicy],
    });
    expect(decision).toEqual({
      decision: 'ImplicitDeny',
      reason: `Denied: no statement in the role's policies allows ecs:RunTask on ${TASK_DEFINITION}/scheduler:3`,
    });
  });

  it('allows RunTask on the unqualified family ARN, naming statement 1', () => {
    const decision = runTask(`${TASK_DEFINITION}/scheduler`, {
      identityPolicies: [articleEventsPolicy],
    });
    expect(decision).toEqual({
      decision: 'Allow',
      statement: { source: EVENTS_POLICY_ARN, index: 1 },
      reason: `Allowed by statement 1 of ${EVENTS_POLICY_ARN}`,
    });
  });

  const revisionCases: Array<[string, string, Decision['decision']]> = [
    [`${TASK_DEFINITION}/scheduler:*`, `${TASK_DEFINITION}/scheduler:5`, 'Allow'],
    [`${TASK_DEFINITION}/*`, `${TASK_DEFINITION}/scheduler:5`, 'Allow'],
    [`${TASK_DEFINITION}/scheduler`, `${TASK_DEFINITION}/scheduler:5`, 'ImplicitDeny'],
    [`${TASK_DEFINITION}/scheduler:4`, `${TASK_DEFINITION}/scheduler:5`, 'ImplicitDeny'],
    [`${TASK_DEFINITION}/other:*`, `${TASK_DEFINITION}/scheduler:5`, 'ImplicitDeny'],
  ];
  it.each(revisionCases)('Resource %s, request %s → %s', (resource, requested, expected) => {
    const p = policy('p', [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: resource }]);
    expect(runTask(requested, { identityPolicies: [p] }).decision).toBe(expected);
  });

  it('allows iam:PassRole through the first statement', () => {
    const decision = evaluateIdentity(
      {
        principal: rolePrincipal,
        action: 'iam:PassRole',
        resource: `arn:aws:iam::${ACCOUNT}:role/EcsTaskExecutionRole-sample`,
      },
      { identityPolicies: [articleEventsPolicy] },
    );
    expect(decision.decision).toBe('Allow');
    expect(decision.statement).toEqual({ source: EVENTS_POLICY_ARN, index: 0 });
  });
});

describe('identity policy evaluation', () => {
  const TD5 = `${TASK_DEFINITION}/scheduler:5`;
  const allowAll = policy('allow-all', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  const cases: Array<[string, Parameters<typeof evaluateIdentity>[1], Decision['decision']]> = [
    ['no policies', { identityPolicies: [] }, 'ImplicitDeny'],
    ['allow everything', { identityPolicies: [allowAll] }, 'Allow'],
    [
      'explicit deny beats an allow in another policy',
      {
        identityPolicies: [
          allowAll,
          policy('deny', [{ Effect: 'Deny', Action: 'ecs:RunTask', Resource: '*' }]),
        ],
      },
      'ExplicitDeny',
    ],
    [
      'explicit deny beats an allow in the same policy',
      {
        identityPolicies: [
          policy('p', [
            { Effect: 'Allow', Action: 'ecs:*', Resource: '*' },
            { Effect: 'Deny', Action: 'ecs:Run*', Resource: TD5 },
          ]),
        ],
      },
      'ExplicitDeny',
    ],
    [
      'a deny for another action does not deny',
      {
        identityPolicies: [
          allowAll,
          policy('deny', [{ Effect: 'Deny', Action: 'ecs:StopTask', Resource: '*' }]),
        ],
      },
      'Allow',
    ],
    [
      'a deny on another resource does not deny',
      {
        identityPolicies: [
          allowAll,
          policy('deny', [{ Effect: 'Deny', Action: '*', Resource: `${TASK_DEFINITION}/other:*` }]),
        ],
      },
      'Allow',
    ],
    [
      'NotAction allows what it does not name',
      { identityPolicies: [policy('p', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])] },
      'Allow',
    ],
    [
      'NotAction does not allow what it names',
      {
        identityPolicies: [
          policy('p', [{ Effect: 'Allow', NotAction: ['ecs:RunTask'], Resource: '*' }]),
        ],
      },
      'ImplicitDeny',
    ],
    [
      'Deny with NotAction denies everything else',
      {
        identityPolicies: [
          allowAll,
          policy('p', [{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }]),
        ],
      },
      'ExplicitDeny',
    ],
    [
      'NotResource allows other resources',
      {
        identityPolicies: [
          policy('p', [
            { Effect: 'Allow', Action: 'ecs:RunTask', NotResource: `${TASK_DEFINITION}/secret:*` },
          ]),
        ],
      },
      'Allow',
    ],
    [
      'NotResource does not allow the named resource',
      {
        identityPolicies: [
          policy('p', [
            { Effect: 'Allow', Action: 'ecs:RunTask', NotResource: `${TASK_DEFINITION}/*` },
          ]),
        ],
      },
      'ImplicitDeny',
    ],
    [
      'Deny with NotResource denies resources outside it',
      {
        identityPolicies: [
          allowAll,
          policy('p', [{ Effect: 'Deny', Action: '*', NotResource: `${TASK_DEFINITION}/other:*` }]),
        ],
      },
      'ExplicitDeny',
    ],
    [
      'action case does not matter',
      {
        identityPolicies: [
          policy('p', [{ Effect: 'Allow', Action: 'ECS:runtask', Resource: TD5 }]),
        ],
      },
      'Allow',
    ],
    [
      'resource case matters',
      {
        identityPolicies: [
          policy('p', [
            { Effect: 'Allow', Action: 'ecs:RunTask', Resource: `${TASK_DEFINITION}/Scheduler:5` },
          ]),
        ],
      },
      'ImplicitDeny',
    ],
    [
      'a list of actions and resources',
      {
        identityPolicies: [
          policy('p', [
            {
              Effect: 'Allow',
              Action: ['ecs:StopTask', 'ecs:RunTask'],
              Resource: ['arn:aws:ecs:*:*:cluster/*', `${TASK_DEFINITION}/scheduler:*`],
            },
          ]),
        ],
      },
      'Allow',
    ],
    [
      'a single statement object, not a list',
      {
        identityPolicies: [policy('p', { Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' })],
      },
      'Allow',
    ],
    [
      'an unreadable document grants nothing',
      { identityPolicies: [{ source: 'broken', document: '{' }] },
      'ImplicitDeny',
    ],
    [
      'boundary allows too',
      {
        identityPolicies: [allowAll],
        boundary: policy('b', [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]),
      },
      'Allow',
    ],
    [
      'boundary does not allow',
      {
        identityPolicies: [allowAll],
        boundary: policy('b', [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]),
      },
      'ImplicitDeny',
    ],
    [
      'boundary allows but identity does not',
      {
        identityPolicies: [],
        boundary: policy('b', [{ Effect: 'Allow', Action: '*', Resource: '*' }]),
      },
      'ImplicitDeny',
    ],
    [
      'boundary denies',
      {
        identityPolicies: [allowAll],
        boundary: policy('b', [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'ecs:RunTask', Resource: '*' },
        ]),
      },
      'ExplicitDeny',
    ],
    [
      'session policy allows too',
      {
        identityPolicies: [allowAll],
        sessionPolicies: [policy('s', [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: TD5 }])],
      },
      'Allow',
    ],
    [
      'session policy does not allow',
      {
        identityPolicies: [allowAll],
        sessionPolicies: [policy('s', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])],
      },
      'ImplicitDeny',
    ],
    [
      'one of two session policies allows',
      {
        identityPolicies: [allowAll],
        sessionPolicies: [
          policy('s1', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]),
          policy('s2', [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]),
        ],
      },
      'Allow',
    ],
    [
      'session policy denies',
      {
        identityPolicies: [allowAll],
        sessionPolicies: [policy('s', [{ Effect: 'Deny', Action: '*', Resource: '*' }])],
      },
      'ExplicitDeny',
    ],
    [
      'an empty session list restricts nothing',
      { identityPolicies: [allowAll], sessionPolicies: [] },
      'Allow',
    ],
    [
      'session allows but identity does not',
      {
        identityPolicies: [],
        sessionPolicies: [policy('s', [{ Effect: 'Allow', Action: '*', Resource: '*' }])],
      },
      'ImplicitDeny',
    ],
  ];

  it.each(cases)('%s', (_name, policies, expected) => {
    expect(runTask(TD5, policies).decision).toBe(expected);
  });

  it('names the denying statement with its Sid', () => {
    const deny = policy('arn:aws:iam::123456789012:policy/Guard', [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'NoRunTask', Effect: 'Deny', Action: 'ecs:RunTask', Resource: '*' },
    ]);
    expect(runTask(`${TASK_DEFINITION}/scheduler:5`, { identityPolicies: [deny] })).toEqual({
      decision: 'ExplicitDeny',
      statement: { source: 'arn:aws:iam::123456789012:policy/Guard', sid: 'NoRunTask', index: 1 },
      reason: `Denied: statement 1 (Sid "NoRunTask") of arn:aws:iam::123456789012:policy/Guard explicitly denies ecs:RunTask on ${TASK_DEFINITION}/scheduler:5`,
    });
  });

  it('says when the boundary is what denies', () => {
    const decision = runTask(`${TASK_DEFINITION}/scheduler:5`, {
      identityPolicies: [policy('id', [{ Effect: 'Allow', Action: '*', Resource: '*' }])],
      boundary: policy('arn:aws:iam::123456789012:policy/Boundary', [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      ]),
    });
    expect(decision.reason).toBe(
      `Denied: the permissions boundary arn:aws:iam::123456789012:policy/Boundary does not allow ecs:RunTask on ${TASK_DEFINITION}/scheduler:5`,
    );
    expect(decision.statement).toBeUndefined();
  });

  it('says when a session policy is what denies', () => {
    const decision = runTask(`${TASK_DEFINITION}/scheduler:5`, {
      identityPolicies: [policy('id', [{ Effect: 'Allow', Action: '*', Resource: '*' }])],
      sessionPolicies: [policy('session', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])],
    });
    expect(decision.reason).toBe(
      `Denied: no session policy allows ecs:RunTask on ${TASK_DEFINITION}/scheduler:5`,
    );
  });

  it("says the user's policies for a user, and points at a condition that failed", () => {
    const decision = evaluateIdentity(
      {
        principal: userPrincipal,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
        context: {},
      },
      {
        identityPolicies: [
          policy('arn:aws:iam::123456789012:policy/Read', [
            {
              Sid: 'Tls',
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: '*',
              Condition: { Bool: { 'aws:SecureTransport': 'true' } },
            },
          ]),
        ],
      },
    );
    expect(decision.reason).toBe(
      'Denied: no statement in the user\'s policies allows s3:GetObject on arn:aws:s3:::b/k (statement 0 (Sid "Tls") of arn:aws:iam::123456789012:policy/Read would allow it, but its condition Bool on aws:SecureTransport does not hold)',
    );
  });

  it('reports the first allowing statement across policies', () => {
    const decision = runTask(`${TASK_DEFINITION}/scheduler:5`, {
      identityPolicies: [
        policy('first', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]),
        policy('second', [
          { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
          { Sid: 'Run', Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' },
        ]),
      ],
    });
    expect(decision.statement).toEqual({ source: 'second', sid: 'Run', index: 1 });
    expect(decision.reason).toBe('Allowed by statement 1 (Sid "Run") of second');
  });
});
