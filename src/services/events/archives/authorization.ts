/**
 * What the archive operations need permission for: the archive's ARN; CreateArchive also
 * the event bus it archives (its EventSourceArn); Create and UpdateArchive also the KMS
 * key or alias it names, where the reference lists them.
 */
import type { AuthorizationTable, Permission } from '../../authorization/permission.js';
import { anyResource } from '../../authorization/permission.js';
import { arnOf, type ArnScope } from '../../authorization/reference.js';
import { scopeOf, type RequestContext } from '../../context.js';
import type { EventsOperations } from '../generated/types.js';

type ArchiveOperations = Pick<
  EventsOperations,
  'CreateArchive' | 'DescribeArchive' | 'ListArchives' | 'UpdateArchive' | 'DeleteArchive'
>;

export function archiveResource(ctx: RequestContext, name: string): string {
  return arnOf('events:archive', scopeOf(ctx), { ArchiveName: name });
}

/** A KmsKeyIdentifier (key id or ARN, alias name or ARN) as the key's or alias's ARN. */
export function kmsResource(scope: ArnScope, identifier: string): string {
  if (identifier.startsWith('arn:')) return identifier;
  return identifier.startsWith('alias/')
    ? arnOf('events:alias', scope, { Alias: identifier.slice('alias/'.length) })
    : arnOf('events:key', scope, { KeyId: identifier });
}

export function archivesAuthorization(): AuthorizationTable<ArchiveOperations> {
  const withKey = (
    action: string,
    ctx: RequestContext,
    input: { ArchiveName: string; KmsKeyIdentifier?: string },
  ): Permission[] => [
    { action, resource: archiveResource(ctx, input.ArchiveName) },
    // An empty identifier goes back to an AWS owned key: no key of the caller's is named.
    ...(input.KmsKeyIdentifier
      ? [{ action, resource: kmsResource(scopeOf(ctx), input.KmsKeyIdentifier) }]
      : []),
  ];
  const onArchive =
    (action: string) =>
    (input: { ArchiveName: string }, ctx: RequestContext): Permission[] => [
      { action, resource: archiveResource(ctx, input.ArchiveName) },
    ];
  return {
    CreateArchive: (input, ctx) => [
      ...withKey('events:CreateArchive', ctx, input),
      { action: 'events:CreateArchive', resource: input.EventSourceArn },
    ],
    DescribeArchive: onArchive('events:DescribeArchive'),
    ListArchives: anyResource('events:ListArchives'),
    UpdateArchive: (input, ctx) => withKey('events:UpdateArchive', ctx, input),
    DeleteArchive: onArchive('events:DeleteArchive'),
  };
}
