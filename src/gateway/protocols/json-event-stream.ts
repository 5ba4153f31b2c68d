/**
 * An awsJson operation whose output holds an event stream (StartLiveTail): the response
 * is `application/vnd.amazon.eventstream`, opening with an `initial-response` event that
 * carries the output's other members (botocore refuses a stream without it), then one
 * event per item the operation's AsyncIterable yields, `{ member: value }` encoded by the
 * member's shape. A ServiceError the iterable throws ends the stream: as an `exception`
 * message when the stream's union models that error (SessionTimeoutException), else as an
 * `error` message. The service never writes these bytes itself.
 */
import { isServiceError } from '../../services/error.js';
import type { ServiceSchema, StructureShape } from '../schema/types.js';
import { errorMessage, eventMessage, exceptionMessage } from './event-stream.js';
import { writeJson, writeJsonStructure } from './json-encode.js';
import { shapeOf } from './model.js';
import type { WireResponse } from './types.js';

/**
 * Events carry plain JSON. The content type AWS puts on StartLiveTail's events is not
 * documented; `application/json` is what AWS's other JSON event streams use.
 */
const EVENT_CONTENT_TYPE = 'application/json';

/** The output member that is an event stream, if any. */
export function eventStreamMember(
  schema: ServiceSchema,
  output: StructureShape,
): { name: string; union: StructureShape } | undefined {
  for (const [name, ref] of Object.entries(output.members)) {
    const shape = shapeOf(schema, ref.shape);
    if (shape.type === 'structure' && shape.eventstream) return { name, union: shape };
  }
  return undefined;
}

export function eventStreamResponse(
  schema: ServiceSchema,
  output: StructureShape,
  member: { name: string; union: StructureShape },
  value: unknown,
  requestId: string,
  contentType: string,
): WireResponse {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const { [member.name]: events, ...rest } = record;
  const initial = writeJsonStructure(schema, output, rest);
  return {
    status: 200,
    headers: {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-requestid': requestId,
    },
    body: '',
    stream: async (write, closed) => {
      await write(eventMessage('initial-response', contentType, json(initial)));
      if (!isAsyncIterable(events)) return;
      const iterator = events[Symbol.asyncIterator]();
      const stop = new Promise<'closed'>((resolve) => {
        if (closed.aborted) resolve('closed');
        closed.addEventListener('abort', () => resolve('closed'), { once: true });
      });
      try {
        for (;;) {
          const next = await Promise.race([iterator.next(), stop]);
          if (next === 'closed' || next.done) return;
          const [[name, payload] = []] = Object.entries(next.value as Record<string, unknown>);
          const ref = name === undefined ? undefined : member.union.members[name];
          if (!ref || name === undefined) continue;
          await write(
            eventMessage(name, EVENT_CONTENT_TYPE, json(writeJson(schema, ref, payload))),
          );
        }
      } catch (error) {
        if (closed.aborted) return;
        await write(failure(schema, member.union, error));
      } finally {
        await iterator.return?.();
      }
    },
  };
}

function failure(schema: ServiceSchema, union: StructureShape, error: unknown): Buffer {
  if (isServiceError(error)) {
    const ref = union.members[error.code];
    const shape = ref && shapeOf(schema, ref.shape);
    if (shape?.type === 'structure' && shape.exception) {
      return exceptionMessage(error.code, EVENT_CONTENT_TYPE, json({ message: error.message }));
    }
    return errorMessage(error.code, error.message);
  }
  return errorMessage('InternalFailure', 'We encountered an internal error. Please try again.');
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value ?? {}), 'utf8');
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  );
}
