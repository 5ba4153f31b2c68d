/**
 * Network ACLs made for a VPC: CreateNetworkAcl (allow nothing but the `*` deny rules, as
 * AWS creates them), DeleteNetworkAcl (not the default one, not while a subnet uses it) and
 * ReplaceNetworkAclAssociation, which moves a subnet to another ACL of its VPC under a new
 * association id. Subnets go back to the default ACL only by being moved there.
 */
import type { Ec2Deps } from '../deps.js';
import { KINDS, dependencyViolation, ec2Error, invalidParameterValue } from '../errors.js';
import { newEc2Id } from '../ids.js';
import { aclOutput } from './describe.js';
import type { NetworkAclEntryRecord, NetworkAclRecord } from '../records.js';
import { listAll, mustGet, tablesOf } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import { CATCH_ALL_RULE } from '../vpcs/vpc-network.js';
import type {
  CreateNetworkAclRequest,
  CreateNetworkAclResult,
  DeleteNetworkAclRequest,
  ReplaceNetworkAclAssociationRequest,
  ReplaceNetworkAclAssociationResult,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';

/** A new ACL's only rules: deny everything, both directions. */
function denyAll(): NetworkAclEntryRecord[] {
  return [true, false].map((egress) => ({
    ruleNumber: CATCH_ALL_RULE,
    egress,
    protocol: '-1',
    ruleAction: 'deny' as const,
    cidrBlock: '0.0.0.0/0',
  }));
}

export async function createNetworkAcl(
  deps: Ec2Deps,
  input: CreateNetworkAclRequest,
  ctx: RequestContext,
): Promise<CreateNetworkAclResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const tags = tagsFromSpecifications(input.TagSpecifications, 'network-acl');
  const acl = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const vpc = await mustGet(tables.vpcs, scope, KINDS.vpc, input.VpcId);
    const record: NetworkAclRecord = {
      networkAclId: newEc2Id('acl'),
      vpcId: vpc.vpcId,
      isDefault: false,
      entries: denyAll(),
      associations: [],
      tags,
    };
    await tables.networkAcls.put(scope, record.networkAclId, record);
    return record;
  });
  return {
    NetworkAcl: aclOutput(acl, scope),
    ...(input.ClientToken !== undefined ? { ClientToken: input.ClientToken } : {}),
  };
}

export async function deleteNetworkAcl(
  deps: Ec2Deps,
  input: DeleteNetworkAclRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const acl = await mustGet(tables.networkAcls, scope, KINDS.networkAcl, input.NetworkAclId);
    if (acl.isDefault) {
      throw invalidParameterValue(`cannot delete default network ACL ${acl.networkAclId}`);
    }
    if (acl.associations.length > 0) {
      throw dependencyViolation(
        `The networkAcl '${acl.networkAclId}' has dependencies and cannot be deleted.`,
      );
    }
    await tables.networkAcls.delete(scope, acl.networkAclId);
  });
  return {};
}

export async function replaceNetworkAclAssociation(
  deps: Ec2Deps,
  input: ReplaceNetworkAclAssociationRequest,
  ctx: RequestContext,
): Promise<ReplaceNetworkAclAssociationResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const newAssociationId = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const target = await mustGet(tables.networkAcls, scope, KINDS.networkAcl, input.NetworkAclId);
    const acls = await listAll(tables.networkAcls, scope);
    const current = acls.find((acl) =>
      acl.associations.some((a) => a.associationId === input.AssociationId),
    );
    const association = current?.associations.find((a) => a.associationId === input.AssociationId);
    if (!current || !association) {
      throw ec2Error(
        'InvalidAssociationID.NotFound',
        `The association ID '${input.AssociationId}' does not exist`,
      );
    }
    if (current.vpcId !== target.vpcId) {
      throw invalidParameterValue(
        `Network ACL ${target.networkAclId} and subnet ${association.subnetId} belong to different networks`,
      );
    }
    const fresh = { associationId: newEc2Id('aclassoc'), subnetId: association.subnetId };
    const remaining = current.associations.filter((a) => a.associationId !== input.AssociationId);
    await tables.networkAcls.put(scope, current.networkAclId, {
      ...current,
      associations: remaining,
    });
    const latest = (await tables.networkAcls.get(scope, target.networkAclId)) ?? target;
    await tables.networkAcls.put(scope, latest.networkAclId, {
      ...latest,
      associations: [...latest.associations, fresh],
    });
    return fresh.associationId;
  });
  return { NewAssociationId: newAssociationId };
}
