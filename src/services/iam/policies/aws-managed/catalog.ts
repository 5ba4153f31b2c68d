/**
 * AWS managed policies (`arn:aws:iam::aws:policy/…`): the same in every account, never
 * stored, read-only. Only their default version is known, so that is the one version
 * they list.
 */
import { derivedId } from '../../../ids.js';
import { AWS_MANAGED_POLICY_DATA } from './catalog-data.js';

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
