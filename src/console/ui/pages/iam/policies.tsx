/** The account's customer managed policies, each with its default version's document. */
import { JsonView, Paged } from '../../components/common.js';
import type { PoliciesResponse } from '../../../shared/api-types.js';

export function PolicyList(props: { policies: PoliciesResponse['policies'] }) {
  return (
    <Paged
      label="Customer managed policies"
      rows={props.policies}
      pageSize={50}
      empty="No customer managed policies in this account."
      header={
        <tr>
          <th>Name</th>
          <th>Attachments</th>
          <th>Default version</th>
        </tr>
      }
      renderRow={(policy) => (
        <tr key={policy.arn}>
          <td>
            <details class="iam-policy">
              <summary>{policy.name}</summary>
              <p class="muted">
                <code>{policy.arn}</code>
                {policy.description ? ` · ${policy.description}` : ''}
              </p>
              <JsonView value={policy.document} />
            </details>
          </td>
          <td>{policy.attachmentCount}</td>
          <td>
            <code>{policy.versionId}</code>
          </td>
        </tr>
      )}
    />
  );
}
