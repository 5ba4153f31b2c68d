/**
 * AWS managed policies (`arn:aws:iam::aws:policy/…`): the same in every account, never
 * stored, read-only. Only their default version is known, so that is the one version
 * they list.
 *
 * The policies themselves are data, in `catalog-data.json` beside this module, as AWS
 * publishes them (names, paths, ids, default versions, dates and the default version's
 * document); `policyId: null` marks a policy whose real id was not at hand, and the
 * catalog derives a stable one from its ARN. It is a JSON import: the bundle the build
 * makes (scripts/build-server.mjs) carries it inline, and tsc copies it into dist/ beside
 * the compiled module for the unbundled modules (docs/decisions.md).
 */
import { derivedId } from '../../../ids.js';
import catalogData from './catalog-data.json' with { type: 'json' };
import type { AwsManagedPolicyData } from './types.js';

const AWS_MANAGED_POLICY_DATA = catalogData as readonly AwsManagedPolicyData[];

export interface AwsManagedPolicy {
  arn: string;
  policyName: string;
  policyId: string;
  path: string;
  description: string;
  defaultVersionId: string;
  createDate: string;
  updateDate: string;
  /** The default version's document, as JSON text. */
  document: string;
}

export const AWS_MANAGED_ACCOUNT = 'aws';

function build(): Map<string, AwsManagedPolicy> {
  const byArn = new Map<string, AwsManagedPolicy>();
  for (const data of AWS_MANAGED_POLICY_DATA) {
    const arn = `arn:aws:iam::${AWS_MANAGED_ACCOUNT}:policy${data.path}${data.policyName}`;
    byArn.set(arn, {
      arn,
      policyName: data.policyName,
      policyId: data.policyId ?? derivedId('ANPA', arn),
      path: data.path,
      description: data.description,
      defaultVersionId: data.defaultVersionId,
      createDate: data.createDate,
      updateDate: data.updateDate,
      document: JSON.stringify(data.document, null, 4),
    });
  }
  return byArn;
}

const CATALOG = build();

export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return CATALOG.get(arn);
}

export function awsManagedPolicies(): AwsManagedPolicy[] {
  return [...CATALOG.values()];
}
