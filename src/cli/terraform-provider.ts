/**
 * `teiki terraform-provider`: prints a `provider "aws"` block that sends every service
 * teiki serves to it, for the address `teiki start` would listen on (the same --port,
 * --host, --region and config sources). Paste it into a stack, or redirect it into a file:
 * `teiki terraform-provider > provider.tf`.
 */
import type { ServiceName } from '../gateway/generated/index.js';
import { clientEndpoint, optionsFor } from './address.js';
import { OptionsError } from './options.js';

export const TERRAFORM_PROVIDER_USAGE = `teiki terraform-provider [--port N] [--host ADDR] [--region R] [--config FILE]
      print a provider "aws" block with an endpoint for every service teiki serves`;

/**
 * The provider's `endpoints` key for each service. Typed by the generated service list,
 * so a service added to teiki does not compile until it has its key here.
 */
const ENDPOINT_KEYS: Readonly<Record<ServiceName, string>> = {
  ec2: 'ec2',
  ecs: 'ecs',
  events: 'events',
  iam: 'iam',
  logs: 'logs',
  scheduler: 'scheduler',
  secretsmanager: 'secretsmanager',
  ssm: 'ssm',
  sts: 'sts',
};

export function terraformProvider(argv: readonly string[]): number {
  let options;
  try {
    options = optionsFor('terraform-provider', argv, ['port', 'host', 'region', 'configFile']);
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`teiki: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  process.stdout.write(providerBlock(clientEndpoint(options), options.region));
  return 0;
}

export function providerBlock(endpoint: string, region: string): string {
  const keys = Object.values(ENDPOINT_KEYS).sort();
  const width = Math.max(...keys.map((key) => key.length));
  return `# The AWS provider pointed at teiki (${endpoint}), for every service teiki serves.
# Any key pair works under --auth open; under --auth enforce give one teiki knows.
provider "aws" {
  region                      = "${region}"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
${keys.map((key) => `    ${key.padEnd(width)} = "${endpoint}"`).join('\n')}
  }
}
`;
}
