/**
 * The Terraform stacks whose tests change their configuration and apply it again (a new
 * policy version, a role that gains ecs:TagResource, a service's new revision), and the
 * EventBridge stack: one apply, a plan, a second apply, a plan and one destroy for all of
 * them (test/e2e/terraform-stacks/stack-helpers.ts says why). The stacks that do not change
 * plan no changes in the second apply, so it is theirs for free.
 */
import { describeStacks } from './terraform-stacks/stack-helpers.js';
import { ecsServiceStack } from './terraform-stacks/ecs-service-fixtures.js';
import { eventsStack } from './terraform-stacks/events-fixtures.js';
import { iamPoliciesStack } from './terraform-stacks/iam-policies-fixtures.js';
import { taggedTargetStack } from './terraform-stacks/tagged-target-fixtures.js';

describeStacks('terraform: policies, tagged targets, services and events, applied twice', [
  iamPoliciesStack(),
  taggedTargetStack(),
  ecsServiceStack(),
  eventsStack(),
]);
