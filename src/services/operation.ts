import type { RequestContext } from './context.js';

/**
 * An operation is a plain async function from an input object to an output object.
 * The gateway decodes the wire into `input` (already validated against the model) and
 * encodes the returned object; the operation never sees HTTP.
 */
export type Operation<I, O> = (input: I, ctx: RequestContext) => Promise<O>;

/** `{ OperationName: { input; output } }`, generated per service from its model. */
export type OperationShapes = Record<string, { input: unknown; output: unknown }>;

/** A service's operation table: the operations it implements, by model name. */
export type OperationTable<Ops extends OperationShapes> = {
  [K in keyof Ops]?: Operation<Ops[K]['input'], Ops[K]['output']>;
};

/** The form the gateway dispatches through, once a table is registered. */
export type AnyOperation = (
  input: Record<string, unknown>,
  ctx: RequestContext,
) => Promise<unknown>;
