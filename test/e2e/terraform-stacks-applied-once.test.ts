/**
 * The Terraform stacks applied once, together: one apply, one plan with no changes and one
 * destroy for all of them (test/e2e/terraform-stacks/stack-helpers.ts says why). Each
 * stack's checks are the ones its own file made; the account-wide ones after the destroy
 * ("no role left", "only the default VPC") hold for every stack at once. The provider
 * block is the one `teiki terraform-provider` prints, and one stack touches every service
 * through it.
 *
 * Secrets Manager's account-wide checks are why the EventBridge stack (connection secrets)
 * runs in the other file: this one expects one secret scheduled for deletion, that one
 * none. The VPC module's Elastic IP is the account's only address here, which ECS tasks
 * with a public IP (the other file's) would not leave true.
 */
import { describeStacks } from './terraform-stacks/stack-helpers.js';
import { ec2RoutingStack, ec2Stack } from './terraform-stacks/ec2-fixtures.js';
import { iamRolesStack } from './terraform-stacks/iam-roles-fixtures.js';
import { networkIamStack } from './terraform-stacks/network-iam-fixtures.js';
import { providerBlockStack } from './terraform-stacks/provider-block-fixtures.js';
import { schedulerStack } from './terraform-stacks/scheduler-fixtures.js';
import { secretsStack } from './terraform-stacks/secrets-fixtures.js';
import { vpcModuleStack } from './terraform-stacks/vpc-module-fixtures.js';

describeStacks('terraform: IAM, network, secrets and schedules, applied once', [
  iamRolesStack(),
  networkIamStack(),
  secretsStack(),
  schedulerStack(),
  ec2Stack(),
  ec2RoutingStack(),
  vpcModuleStack(),
  providerBlockStack(),
]);
