/**
 * CreateTags, DeleteTags and DescribeTags over every taggable kind teiki keeps. The id's
 * prefix names the kind (`vpc-`, `subnet-`, `sg-`, `sgr-`, …); a request naming one
 * missing resource changes none.
 */
import type { Scope } from '../../../store/types.js';
import type { Ec2Deps } from '../deps.js';
import { KINDS, ec2Error, notFound, securityGroupNotFound } from '../errors.js';
import type { StoredTag } from '../records.js';
import { listAll, tablesOf, type Tables } from '../tables.js';
import { checkTags, mergeTags, removeTags } from './rules.js';
import type {
  CreateTagsRequest,
  DeleteTagsRequest,
  DescribeTagsRequest,
  DescribeTagsResult,
  ResourceType,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

interface Tagged {
  tags: StoredTag[];
}

/** A taggable kind: how to read and write one resource's tags, and how to list them all. */
interface TaggableKind {
  prefix: string;
  resourceType: ResourceType;
  get(tables: Tables, scope: Scope, id: string): Promise<Tagged | undefined>;
  setTags(tables: Tables, scope: Scope, id: string, tags: StoredTag[]): Promise<void>;
  list(tables: Tables, scope: Scope): Promise<Array<{ id: string; tags: StoredTag[] }>>;
  missing(id: string): Error;
}

type SimpleTable = Exclude<keyof Tables, 'ipAllocations'>;

function simpleKind<K extends SimpleTable>(
  prefix: string,
  resourceType: ResourceType,
  table: K,
  missing: (id: string) => Error,
): TaggableKind {
  const collection = (tables: Tables) =>
    tables[table] as unknown as {
      get(scope: Scope, id: string): Promise<Tagged | undefined>;
      put(scope: Scope, id: string, value: Tagged): Promise<void>;
      list(scope: Scope): Promise<Array<{ id: string; value: Tagged }>>;
    };
  return {
    prefix,
    resourceType,
    get: (tables, scope, id) => collection(tables).get(scope, id),
    async setTags(tables, scope, id, tags) {
      const record = await collection(tables).get(scope, id);
      if (record) await collection(tables).put(scope, id, { ...record, tags });
    },
    async list(tables, scope) {
      return (await collection(tables).list(scope)).map((e) => ({
        id: e.id,
        tags: e.value.tags,
      }));
    },
    missing,
  };
}

const ruleKind: TaggableKind = {
  prefix: 'sgr-',
  resourceType: 'security-group-rule',
  async get(tables, scope, id) {
    for (const group of await listAll(tables.securityGroups, scope)) {
      const rule = [...group.ingress, ...group.egress].find((r) => r.ruleId === id);
      if (rule) return rule;
    }
    return undefined;
  },
  async setTags(tables, scope, id, tags) {
    for (const group of await listAll(tables.securityGroups, scope)) {
      const update = (rules: typeof group.ingress) =>
        rules.map((r) => (r.ruleId === id ? { ...r, tags } : r));
      if ([...group.ingress, ...group.egress].some((r) => r.ruleId === id)) {
        await tables.securityGroups.put(scope, group.groupId, {
          ...group,
          ingress: update(group.ingress),
          egress: update(group.egress),
        });
      }
    }
  },
  async list(tables, scope) {
    return (await listAll(tables.securityGroups, scope)).flatMap((g) =>
      [...g.ingress, ...g.egress].map((r) => ({ id: r.ruleId, tags: r.tags })),
    );
  },
  missing: (id) =>
    ec2Error(
      'InvalidSecurityGroupRuleId.NotFound',
      `The security group rule ID '${id}' does not exist`,
    ),
};

/** Longer prefixes first, so `sgr-` is never taken for `sg-`. */
const TAGGABLE: TaggableKind[] = [
  ruleKind,
  simpleKind('subnet-', 'subnet', 'subnets', (id) => notFound(KINDS.subnet, [id])),
  simpleKind('vpc-', 'vpc', 'vpcs', (id) => notFound(KINDS.vpc, [id])),
  simpleKind('sg-', 'security-group', 'securityGroups', securityGroupNotFound),
  simpleKind('rtb-', 'route-table', 'routeTables', (id) => notFound(KINDS.routeTable, [id])),
  simpleKind('acl-', 'network-acl', 'networkAcls', (id) => notFound(KINDS.networkAcl, [id])),
  simpleKind('igw-', 'internet-gateway', 'internetGateways', (id) =>
    notFound(KINDS.internetGateway, [id]),
  ),
  simpleKind('dopt-', 'dhcp-options', 'dhcpOptions', (id) => notFound(KINDS.dhcpOptions, [id])),
  simpleKind('eni-', 'network-interface', 'networkInterfaces', (id) =>
    notFound(KINDS.networkInterface, [id]),
  ),
  simpleKind('eipalloc-', 'elastic-ip', 'addresses', (id) => notFound(KINDS.address, [id])),
  simpleKind('nat-', 'natgateway', 'natGateways', (id) =>
    ec2Error('InvalidNatGatewayID.NotFound', `The natGateway ID '${id}' does not exist`),
  ),
  simpleKind('vpce-', 'vpc-endpoint', 'vpcEndpoints', (id) => notFound(KINDS.vpcEndpoint, [id])),
];

function kindOf(id: string): TaggableKind {
  const kind = TAGGABLE.find((k) => id.startsWith(k.prefix));
  if (!kind) throw ec2Error('InvalidID', `The ID '${id}' is not valid`);
  return kind;
}

/** Every named resource, checked to exist before anything changes. */
async function resolveAll(
  tables: Tables,
  scope: Scope,
  ids: string[],
): Promise<Array<{ id: string; kind: TaggableKind; record: Tagged }>> {
  const out = [];
  for (const id of ids) {
    const kind = kindOf(id);
    const record = await kind.get(tables, scope, id);
    if (!record) throw kind.missing(id);
    out.push({ id, kind, record });
  }
  return out;
}

export async function createTags(
  deps: Ec2Deps,
  input: CreateTagsRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const added = checkTags(input.Tags);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const resources = await resolveAll(tables, scope, input.Resources);
    const updates = resources.map((r) => ({ ...r, tags: mergeTags(r.record.tags, added) }));
    for (const update of updates) {
      await update.kind.setTags(tables, scope, update.id, update.tags);
    }
  });
  return {};
}

export async function deleteTags(
  deps: Ec2Deps,
  input: DeleteTagsRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    for (const r of await resolveAll(tables, scope, input.Resources)) {
      const kept = input.Tags === undefined ? [] : removeTags(r.record.tags, input.Tags);
      await r.kind.setTags(tables, scope, r.id, kept);
    }
  });
  return {};
}

export async function describeTags(
  deps: Ec2Deps,
  input: DescribeTagsRequest,
  ctx: RequestContext,
): Promise<DescribeTagsResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const tables = tablesOf(store);
  const rows: Array<{
    resourceId: string;
    resourceType: ResourceType;
    tag: StoredTag;
    all: StoredTag[];
  }> = [];
  for (const kind of TAGGABLE) {
    for (const resource of await kind.list(tables, scope)) {
      for (const tag of resource.tags) {
        rows.push({
          resourceId: resource.id,
          resourceType: kind.resourceType,
          tag,
          all: resource.tags,
        });
      }
    }
  }
  const keyOf = (r: (typeof rows)[number]) => `${r.resourceId}\u0000${r.tag.Key}`;
  const page = describePage(
    rows,
    {
      idOf: keyOf,
      filters: {
        key: (r) => r.tag.Key,
        value: (r) => r.tag.Value,
        'resource-id': (r) => r.resourceId,
        'resource-type': (r) => r.resourceType,
      },
      tagsOf: (r) => r.all,
    },
    input.Filters,
    input,
  );
  return {
    Tags: page.items.map((r) => ({
      Key: r.tag.Key,
      ResourceId: r.resourceId,
      ResourceType: r.resourceType,
      Value: r.tag.Value,
    })),
    NextToken: page.nextToken,
  };
}
