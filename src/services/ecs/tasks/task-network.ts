/**
 * A task's elastic network interface (awsvpc): created in the subnet RunTask chose when the
 * task is provisioned, shown on the task's attachment and its containers, and deleted once
 * its containers have stopped. A task without a subnet (no awsvpc) has none.
 */
import type { TaskInterface } from '../../ec2/network.js';
import type { TaskRecord } from '../records.js';
import type { TaskDeps } from './deps.js';
import type { TaskKey } from './task-records.js';

/** Creates the interface in the subnet the task's attachment names; undefined without one. */
export async function createTaskInterface(
  deps: Pick<TaskDeps, 'network'>,
  key: TaskKey,
  task: TaskRecord | undefined,
  securityGroupIds: string[],
): Promise<TaskInterface | undefined> {
  const attachment = task?.attachments[0];
  const subnetId = attachment?.details?.find((d) => d.name === 'subnetId')?.value;
  if (subnetId === undefined) return undefined;
  const { accountId, region } = key.scope;
  return deps.network.createTaskNetworkInterface(key.scope, {
    subnetId,
    securityGroupIds,
    description: `arn:aws:ecs:${region}:${accountId}:attachment/${attachment?.id ?? ''}`,
    requesterManaged: true,
    attachTo: { instanceOwnerId: accountId },
  });
}

/** The attachment ATTACHED with the interface's details, and each container's address. */
export function showAttached(task: TaskRecord, eni: TaskInterface): void {
  const attachment = task.attachments[0];
  if (!attachment) return;
  attachment.status = 'ATTACHED';
  attachment.details = [
    { name: 'subnetId', value: eni.subnetId },
    { name: 'networkInterfaceId', value: eni.networkInterfaceId },
    { name: 'macAddress', value: eni.macAddress },
    { name: 'privateDnsName', value: eni.privateDnsName },
    { name: 'privateIPv4Address', value: eni.privateIpv4Address },
  ];
  for (const container of task.containers) {
    container.networkInterfaces = [
      { attachmentId: attachment.id ?? '', privateIpv4Address: eni.privateIpv4Address },
    ];
  }
}

export async function deleteTaskInterface(
  deps: Pick<TaskDeps, 'network'>,
  key: TaskKey,
  eni: TaskInterface,
): Promise<void> {
  await deps.network.deleteNetworkInterface(key.scope, eni.networkInterfaceId);
}

/** The attachment DELETED once its interface is gone. */
export function showDeleted(task: TaskRecord): void {
  const attachment = task.attachments[0];
  if (attachment) attachment.status = 'DELETED';
}
