/**
 * An authorization failure as each service answers it. The code is the called service's
 * (ECS answers a denied iam:PassRole with its own AccessDeniedException); the message is
 * AWS's "User: … is not authorized to perform: … on resource: … because …" with the
 * reason naming the kind of policy that denied, as the IAM User Guide's "Troubleshoot
 * access denied error messages" lists them.
 */
import type { PolicyLayer } from '../../engine/iam-policy/index.js';
import { ServiceError } from '../error.js';

interface DenialForm {
  code: string;
  status: number;
  /** EC2 prefixes its own sentence and leaves out `on resource: *` (unconfirmed, see docs/decisions.md). */
  ec2?: true;
  /** STS's AssumeRole denials carry no reason (every recorded reply lacks one). */
  reasonless?: true;
}

/**
 * Sources: ECS, Events, Logs, SSM and Secrets Manager (awsJson1_1) answer
 * AccessDeniedException with 400 (recorded SDK and Terraform errors), Scheduler with 403 (restJson1, recorded Terraform errors), IAM and
 * STS AccessDenied with 403, EC2 UnauthorizedOperation with 403.
 */
const FORMS: Record<string, DenialForm> = {
  ecs: { code: 'AccessDeniedException', status: 400 },
  logs: { code: 'AccessDeniedException', status: 400 },
  events: { code: 'AccessDeniedException', status: 400 },
  ssm: { code: 'AccessDeniedException', status: 400 },
  secretsmanager: { code: 'AccessDeniedException', status: 400 },
  scheduler: { code: 'AccessDeniedException', status: 403 },
  iam: { code: 'AccessDenied', status: 403 },
  sts: { code: 'AccessDenied', status: 403, reasonless: true },
  ec2: { code: 'UnauthorizedOperation', status: 403, ec2: true },
};

/** The policy kinds a denial names: the caller's layers, and a resource's own policy. */
export type DenyingPolicy = PolicyLayer | 'resource';

const POLICY_NAMES: Record<DenyingPolicy, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
};

const ARTICLES: Record<DenyingPolicy, string> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
};

export interface Denial {
  /** Who asked: the caller's ARN (a role session's `arn:aws:sts::…:assumed-role/R/S`). */
  principalArn: string;
  action: string;
  resource: string;
  explicit: boolean;
  layer: DenyingPolicy;
}

export function denialMessage(service: string, denial: Denial): string {
  const form = FORMS[service];
  const onResource = form?.ec2 && denial.resource === '*' ? '' : ` on resource: ${denial.resource}`;
  const head = `User: ${denial.principalArn} is not authorized to perform: ${denial.action}${onResource}`;
  if (form?.reasonless) return head;
  const reason = denial.explicit
    ? `with an explicit deny in ${ARTICLES[denial.layer]}`
    : `because no ${POLICY_NAMES[denial.layer]} allows the ${denial.action} action`;
  const sentence = `${head} ${reason}`;
  return form?.ec2 ? `You are not authorized to perform this operation. ${sentence}` : sentence;
}

export function denialError(service: string, denial: Denial, message?: string): ServiceError {
  const form = FORMS[service] ?? { code: 'AccessDeniedException', status: 400 };
  return new ServiceError({
    code: form.code,
    status: form.status,
    message: message ?? denialMessage(service, denial),
  });
}
