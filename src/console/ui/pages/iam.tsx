/**
 * The IAM page (read-only): roles with their trust policy, inline and attached policies,
 * the account's customer managed policies, and "can this role run this task?" answered
 * by the checks a rule's or schedule's ECS target goes through. `?role=NAME` opens a role.
 */
import { useApi } from '../api.js';
import { ErrorBox, Loading, Section } from '../components/common.js';
import { Link } from '../components/link.js';
import { href, type Location } from '../router.js';
import type { PoliciesResponse, RolesResponse } from '../../shared/api-types.js';
import { CanRunCheck } from './iam/can-run.js';
import { PolicyList } from './iam/policies.js';
import { RoleDetail } from './iam/role-detail.js';

export function IamPage(props: { location: Location }) {
  const roles = useApi<RolesResponse>('iam/roles');
  const policies = useApi<PoliciesResponse>('iam/policies');
  const roleName = props.location.query.get('role') ?? '';
  const all = roles.data?.roles ?? [];
  const selected = all.find((r) => r.name === roleName);
  return (
    <div class="iam">
      <h1>IAM</h1>
      <ErrorBox error={roles.error ?? policies.error} />
      <div class="split iam-split">
        <Section title={`Roles (${all.length})`} actions={<Loading loading={roles.loading} />}>
          <table aria-label="Roles">
            <thead>
              <tr>
                <th>Name</th>
                <th>Policies</th>
              </tr>
            </thead>
            <tbody>
              {all.length === 0 && roles.data ? (
                <tr>
                  <td colSpan={2} class="muted">
                    No roles in this account.
                  </td>
                </tr>
              ) : null}
              {all.map((role) => (
                <tr key={role.arn} class={role.name === roleName ? 'selected' : undefined}>
                  <td>
                    <Link href={href('/iam', { role: role.name })}>{role.name}</Link>
                  </td>
                  <td class="muted">
                    {role.inlinePolicies.length} inline · {role.attachedPolicies.length} attached
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <div class="iam-main">
          {roleName && roles.data && !selected ? (
            <div class="error" role="alert">
              There is no role {roleName} in this account.
            </div>
          ) : null}
          {roles.data ? <CanRunCheck roles={all} selected={selected} /> : null}
          {selected ? <RoleDetail role={selected} /> : null}
        </div>
      </div>
      <Section
        title={`Customer managed policies (${policies.data?.policies.length ?? 0})`}
        actions={<Loading loading={policies.loading} />}
      >
        {policies.data ? <PolicyList policies={policies.data.policies} /> : null}
      </Section>
    </div>
  );
}
