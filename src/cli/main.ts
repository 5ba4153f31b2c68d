/**
 * The `teiki` command: `start` runs the server, `stop` asks a running one to stop, and
 * `terraform-provider` prints a provider block for it. The return value is the exit code.
 */
import { TEIKI_VERSION } from '../version.js';
import { optionsHelp } from './option-specs.js';
import { stop, STOP_USAGE } from './stop.js';
import { terraformProvider, TERRAFORM_PROVIDER_USAGE } from './terraform-provider.js';

const START_USAGE = `teiki start [options]
      run the server in the foreground (Ctrl-C stops it)`;

const USAGE = `teiki ${TEIKI_VERSION}: the AWS APIs behind ECS scheduled tasks, on your machine.

Usage:
  ${START_USAGE}
  ${STOP_USAGE}
  ${TERRAFORM_PROVIDER_USAGE}
  teiki --version     print the version
  teiki --help        this text

Point any AWS client at the endpoint, for example:
  aws --endpoint-url http://127.0.0.1:4566 sts get-caller-identity
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\nOptions of 'teiki start':\n${optionsHelp()}\n`);
    return command === undefined ? 1 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${TEIKI_VERSION}\n`);
    return 0;
  }
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  switch (command) {
    case 'start':
      if (wantsHelp) {
        process.stdout.write(`Usage: teiki start [options]\n\n${optionsHelp()}\n`);
        return 0;
      }
      // The server's modules (most of teiki) load only here, so --version, --help, stop
      // and terraform-provider do not pay for them (DESIGN.md, The build).
      return (await import('./start.js')).start(rest);
    case 'stop':
      if (wantsHelp) {
        process.stdout.write(`Usage: ${STOP_USAGE}\n`);
        return 0;
      }
      return stop(rest);
    case 'terraform-provider':
      if (wantsHelp) {
        process.stdout.write(`Usage: ${TERRAFORM_PROVIDER_USAGE}\n`);
        return 0;
      }
      return terraformProvider(rest);
    default:
      process.stderr.write(`teiki: unknown command '${command}'. Run 'teiki --help'.\n`);
      return 1;
  }
}
