/** Running Logs Insights queries through the SDK, as a client polls for their results. */
import {
  GetQueryResultsCommand,
  StartQueryCommand,
  type CloudWatchLogsClient,
  type GetQueryResultsCommandOutput,
  type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';

/** Starts a query and polls GetQueryResults until it has ended. */
export async function runQuery(
  client: CloudWatchLogsClient,
  input: StartQueryCommandInput,
): Promise<GetQueryResultsCommandOutput & { queryId: string }> {
  const { queryId } = await client.send(new StartQueryCommand(input));
  for (;;) {
    const out = await client.send(new GetQueryResultsCommand({ queryId }));
    if (out.status !== 'Scheduled' && out.status !== 'Running')
      return { ...out, queryId: queryId! };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Rows as objects, `@ptr` left out (it is checked on its own). */
export function rowsOf(out: GetQueryResultsCommandOutput): Array<Record<string, string>> {
  return (out.results ?? []).map((row) =>
    Object.fromEntries(
      row.filter((f) => f.field !== '@ptr').map((f) => [f.field ?? '', f.value ?? '']),
    ),
  );
}
