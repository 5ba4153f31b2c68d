/**
 * The envelope ECS's events share on the default bus (task state changes, service actions,
 * deployment state changes): EventBridge's event shape with ECS as the source.
 */
export interface EcsEvent<DetailType extends string> {
  version: '0';
  id: string;
  'detail-type': DetailType;
  source: 'aws.ecs';
  account: string;
  /** ISO-8601 without milliseconds, as EventBridge writes `time`. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}
