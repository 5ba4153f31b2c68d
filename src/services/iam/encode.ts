/**
 * IAM returns policy documents URL-encoded (RFC 3986 percent-encoding of the text as it
 * was given); the SDKs hand that string through and Terraform and the CLI decode it.
 */
export function encodePolicyDocument(document: string): string {
  return encodeURIComponent(document);
}
