/**
 * Shapes shared by SigV4 parsing, verification and the auth errors. Nothing here knows
 * HTTP servers or wire codecs: a request is the few fields SigV4 covers.
 */

/**
 * The parts of an HTTP request that SigV4 covers. Structural, so the gateway's own request
 * type fits without this module depending on it.
 */
export interface SigV4Request {
  readonly method: string;
  /** The path exactly as sent, still percent-encoded, without the query string. */
  readonly path: string;
  /** The query string exactly as sent, without the `?`. */
  readonly rawQuery: string;
  /**
   * Lower-cased names. A header sent several times may be given as its values in the
   * order sent; SigV4 joins them with `,` (node:http joins with `, `, which differs).
   */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Uint8Array;
}

/** The four wire-protocol families, each answering auth failures its own way. */
export type AuthProtocol = 'json' | 'query' | 'ec2' | 'rest-json';

/** The credential scope, `AKID/20261128/us-east-1/sts/aws4_request`, taken apart. */
export interface CredentialScope {
  readonly accessKeyId: string;
  /** `YYYYMMDD` as the client wrote it. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  /** The last element; `aws4_request` when well formed (checked by verification). */
  readonly terminator: string;
}

/** Everything a well-formed SigV4 request says about itself. */
export interface SigV4Info extends CredentialScope {
  /** `date/region/service/terminator`, exactly as sent: it goes into the string to sign. */
  readonly scope: string;
  /** Lower-cased and sorted, as the canonical request lists them. */
  readonly signedHeaders: readonly string[];
  /** `signedHeaders` joined with `;`: the canonical request's line of them. */
  readonly signedHeadersLine: string;
  readonly signature: string;
  /** `x-amz-security-token` header or `X-Amz-Security-Token` query parameter. */
  readonly securityToken: string | undefined;
  /** The signing instant in the string-to-sign's form, `20150830T123600Z`. */
  readonly requestTime: string;
  readonly requestTimeMs: number;
  /** Signed in the query string (a presigned URL) rather than the Authorization header. */
  readonly presigned: boolean;
  /** `X-Amz-Expires` of a presigned request, in seconds. */
  readonly expiresSeconds: number | undefined;
}

/**
 * Why a request that tried to sign could not be read.
 * - `incomplete`: AWS's IncompleteSignature (missing parameter, bad date, bad credential).
 * - `unsupported-algorithm`: an `AWS4-…` algorithm other than AWS4-HMAC-SHA256.
 * - `ambiguous`: signed both in the header and in the query; AWS answers
 *   SignatureDoesNotMatch.
 */
export type MalformedReason = 'incomplete' | 'unsupported-algorithm' | 'ambiguous';

export interface SigV4Malformed {
  readonly kind: 'malformed';
  readonly reason: MalformedReason;
  /** AWS's message, in the query protocols' wording. */
  readonly message: string;
  /** The algorithm named, for `unsupported-algorithm` (JSON services word it differently). */
  readonly algorithm?: string;
  /** The credential scope when it could be read, so routing still knows the service. */
  readonly credential?: CredentialScope;
}

export type SigV4ParseResult =
  /** No SigV4 at all: no Authorization header or query signature naming AWS4. */
  | { readonly kind: 'absent' }
  | { readonly kind: 'signed'; readonly info: SigV4Info }
  | SigV4Malformed;

/**
 * What verification found wrong, in protocol-neutral terms; `errors.ts` turns it into
 * the error each protocol family answers.
 */
export type AuthFailureKind =
  /** Signed too long ago (or a presigned URL past its X-Amz-Expires). */
  | 'request-expired'
  /** Signed too far in the future. */
  | 'request-not-yet-valid'
  | 'host-not-signed'
  /** Wrong terminator, date, or (when the caller asked) region or service in the scope. */
  | 'credential-scope'
  /** No secret is known for the access key id. */
  | 'unknown-access-key'
  | 'signature-mismatch';

export interface AuthFailure {
  readonly kind: AuthFailureKind;
  /** AWS's message for the query and JSON families. */
  readonly message: string;
  /** What the signature should have covered; for logs, AWS no longer echoes it. */
  readonly canonicalRequest?: string;
  readonly stringToSign?: string;
}
