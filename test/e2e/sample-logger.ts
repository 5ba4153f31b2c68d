/**
 * What examples/ecs-scheduled-task/app/sample-logger.sh leaves in CloudWatch Logs under
 * `awslogs-datetime-format` %Y-%m-%d %H:%M:%S: four events, the stack trace kept in the
 * event of the `[ERROR]` line above it. Both runtimes' example tests expect exactly this.
 */
import { expect } from 'vitest';

const STAMP = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}';

const EVENTS = [
  /^STAMP \[INFO\] sample:logger started\n$/,
  /^STAMP \[INFO\] processed 3 records\n$/,
  /^STAMP \[ERROR\] RuntimeException: record 4 could not be parsed\nStack trace:\n#0 \/app\/Console\/Commands\/SampleLogger\.php\(42\): App\\Parser->parse\(\)\n#1 [^\n]+->handle\(\)\n#2 \{main\}\n$/,
  /^STAMP \[INFO\] sample:logger finished\n$/,
];

export function expectSampleLoggerEvents(messages: string[]): void {
  expect(messages).toHaveLength(EVENTS.length);
  EVENTS.forEach((pattern, i) => {
    expect(messages[i]).toMatch(new RegExp(pattern.source.replace('STAMP', STAMP)));
  });
}
