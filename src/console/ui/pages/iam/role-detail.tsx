/** One role: its facts, trust policy, inline policies and attached managed policies. */
import { JsonView, Section } from '../../components/common.js';
import { Time } from '../../components/time.js';
import type { RoleView } from '../../../shared/api-types.js';

export function RoleDetail(props: { role: RoleView }) {
  const { role } = props;
  return (
    <Section title={`Role ${role.name}`}>
      <dl class="facts">
        <dt>ARN</dt>
        <dd>
          <code>{role.arn}</code>
        </dd>
        <dt>Path</dt>
        <dd>
          <code>{role.path}</code>
        </dd>
        <dt>Created</dt>
        <dd>
          <Time value={role.createDate} />
        </dd>
        {role.description ? (
          <>
            <dt>Description</dt>
            <dd>{role.description}</dd>
          </>
        ) : null}
      </dl>
      <h3 class="iam-h3">Trust policy</h3>
      <div aria-label={`Trust policy of ${role.name}`} role="region">
        <JsonView value={role.trustPolicy} />
      </div>
      <h3 class="iam-h3">Inline policies ({role.inlinePolicies.length})</h3>
      {role.inlinePolicies.length === 0 ? <p class="muted">None.</p> : null}
      {role.inlinePolicies.map((policy) => (
        <details key={policy.name} open class="iam-policy">
          <summary>{policy.name}</summary>
          <JsonView value={policy.document} />
        </details>
      ))}
      <h3 class="iam-h3">Attached managed policies ({role.attachedPolicies.length})</h3>
      {role.attachedPolicies.length === 0 ? <p class="muted">None.</p> : null}
      {role.attachedPolicies.map((policy) => (
        <details key={policy.arn} open class="iam-policy">
          <summary>
            {policy.name}{' '}
            <span class="muted">
              <code>{policy.arn}</code>
              {policy.versionId ? ` · default version ${policy.versionId}` : ''}
            </span>
          </summary>
          <JsonView value={policy.document} />
        </details>
      ))}
    </Section>
  );
}
