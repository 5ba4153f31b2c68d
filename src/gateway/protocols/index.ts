/** The codec of each AWS wire protocol teiki speaks. */
import type { Protocol } from '../schema/types.js';
import { ec2Codec } from './ec2.js';
import { jsonCodec } from './json.js';
import { queryCodec } from './query.js';
import { restJsonCodec } from './rest-json.js';
import type { ProtocolCodec } from './types.js';

const codecs: Record<Protocol, ProtocolCodec> = {
  json: jsonCodec,
  query: queryCodec,
  ec2: ec2Codec,
  'rest-json': restJsonCodec,
};

export function codecFor(protocol: Protocol): ProtocolCodec {
  return codecs[protocol];
}

export type { ProtocolCodec, WireRequest, WireResponse } from './types.js';

/** A query-protocol parameter (`Action`, `Version`) from the query string or a form body. */
export { paramsOf } from './query-decode.js';
