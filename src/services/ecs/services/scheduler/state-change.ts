/**
 * "ECS Service Action" and "ECS Deployment State Change" events, in AWS's envelope and
 * detail shapes (Developer Guide: "Amazon ECS service action events", "Amazon ECS
 * service deployment state change events"), published inside the process for EventBridge
 * to put on the default bus, as task state changes are.
 */
import { randomUUID } from 'node:crypto';
import { Listeners } from '../../../../engine/listeners.js';
import type { EcsEvent } from '../../state-change-event.js';
import type { BusEvent } from './decide.js';

export type ServiceStateChangeEvent = EcsEvent<
  'ECS Service Action' | 'ECS Deployment State Change'
>;

export type ServiceStateChangeListener = (event: ServiceStateChangeEvent) => void;

export class ServiceStateChanges {
  readonly #listeners = new Listeners<ServiceStateChangeEvent>();

  subscribe(listener: ServiceStateChangeListener): () => void {
    return this.#listeners.subscribe(listener);
  }

  publish(
    event: BusEvent,
    where: { accountId: string; region: string; serviceArn: string; clusterArn: string },
    atMs: number,
  ): void {
    this.#listeners.emit(() => serviceStateChangeEvent(event, where, atMs));
  }
}

export function serviceStateChangeEvent(
  event: BusEvent,
  where: { accountId: string; region: string; serviceArn: string; clusterArn: string },
  atMs: number,
): ServiceStateChangeEvent {
  const at = new Date(atMs).toISOString();
  const detail: Record<string, unknown> =
    event.detailType === 'ECS Service Action'
      ? {
          eventType: event.eventType,
          eventName: event.eventName,
          clusterArn: where.clusterArn,
          createdAt: at,
          ...(event.reason !== undefined ? { reason: event.reason } : {}),
        }
      : {
          eventType: event.eventType,
          eventName: event.eventName,
          clusterArn: where.clusterArn,
          deploymentId: event.deploymentId,
          updatedAt: at,
          reason: event.reason,
        };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': event.detailType,
    source: 'aws.ecs',
    account: where.accountId,
    time: at.replace(/\.\d{3}Z$/, 'Z'),
    region: where.region,
    resources: [where.serviceArn],
    detail,
  };
}
