/**
 * Which account a request acts in when its key names no principal teiki issued.
 *
 * An access key id of exactly twelve digits (`AWS_ACCESS_KEY_ID=123456789012`) selects
 * that account, so one teiki holds many accounts without any setup: the convention
 * LocalStack users already follow. Any other key id (`test`, `AKIA…`) acts in the
 * default account (`--account-id`, `000000000000` unless set). Keys teiki issues itself
 * (IAM CreateAccessKey, STS) carry their own account and are resolved before this.
 */
const TWELVE_DIGITS = /^\d{12}$/;

export function accountFromAccessKeyId(accessKeyId: string, defaultAccount: string): string {
  return TWELVE_DIGITS.test(accessKeyId) ? accessKeyId : defaultAccount;
}
