/** One AWS managed policy as the catalog data records it. */
export interface AwsManagedPolicyData {
  policyName: string;
  path: string;
  /** The real `ANPA…` id, or null when it was not at hand (the catalog derives one). */
  policyId: string | null;
  description: string;
  defaultVersionId: string;
  /** ISO-8601. */
  createDate: string;
  /** ISO-8601: when the default version was published. */
  updateDate: string;
  /** The default version's document. */
  document: Record<string, unknown>;
}
