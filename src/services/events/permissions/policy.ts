/**
 * An event bus's resource policy: the statement PutPermission's shorthand makes (Allow
 * events:PutEvents to an account, or to everyone in an organization), statements kept by
 * Sid, and the document as DescribeEventBus shows it.
 */
import type { Condition } from '../generated/types.js';

export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: unknown;
  [key: string]: unknown;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[];
}

/** AWS's limit on an event bus policy. */
export const MAX_POLICY_BYTES = 10_240;

/** The statement PutPermission makes from Action, Principal, StatementId and Condition. */
export function shorthandStatement(
  busArn: string,
  input: { statementId: string; principal: string; condition?: Condition },
): PolicyStatement {
  const principal = input.principal === '*' ? '*' : { AWS: `arn:aws:iam::${input.principal}:root` };
  return {
    Sid: input.statementId,
    Effect: 'Allow',
    Principal: principal,
    Action: 'events:PutEvents',
    Resource: busArn,
    ...(input.condition
      ? { Condition: { [input.condition.Type]: { [input.condition.Key]: input.condition.Value } } }
      : {}),
  };
}

/** The document with `statement` in place of the one of the same Sid, or appended. */
export function withStatement(
  document: PolicyDocument | undefined,
  statement: PolicyStatement,
): PolicyDocument {
  const statements = [...(document?.Statement ?? [])];
  const at = statements.findIndex((existing) => existing.Sid === statement.Sid);
  if (at >= 0) statements[at] = statement;
  else statements.push(statement);
  return {
    Version: document?.Version ?? '2012-10-17',
    ...(document?.Id ? { Id: document.Id } : {}),
    Statement: statements,
  };
}

/** The stored policy text parsed, with a single Statement object read as a list. */
export function parsePolicy(text: string | undefined): PolicyDocument | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as { Version?: string; Id?: string; Statement?: unknown };
    const statements = Array.isArray(parsed.Statement)
      ? (parsed.Statement as PolicyStatement[])
      : parsed.Statement
        ? [parsed.Statement as PolicyStatement]
        : [];
    return {
      ...(parsed.Version ? { Version: parsed.Version } : {}),
      ...(parsed.Id ? { Id: parsed.Id } : {}),
      Statement: statements,
    };
  } catch {
    return undefined;
  }
}
