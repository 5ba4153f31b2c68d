/** Asks for an access key when teiki runs with `--auth enforce` and the API said 401. */
import { useState } from 'preact/hooks';
import { saveCredentials } from '../api.js';

export function Login(props: { onDone: () => void }) {
  const [keyId, setKeyId] = useState('');
  const [secret, setSecret] = useState('');
  return (
    <div class="login-backdrop">
      <form
        class="login panel"
        aria-label="Sign in"
        onSubmit={(e) => {
          e.preventDefault();
          saveCredentials(keyId, secret);
          props.onDone();
        }}
      >
        <h2>Sign in to teiki</h2>
        <p class="muted">
          teiki runs with <code>--auth enforce</code>: give an access key it knows (the root key, or
          an IAM user's key).
        </p>
        <label>
          Access key ID
          <input
            autoFocus
            value={keyId}
            onInput={(e) => setKeyId((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Secret access key
          <input
            type="password"
            value={secret}
            onInput={(e) => setSecret((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" disabled={!keyId || !secret}>
          Sign in
        </button>
      </form>
    </div>
  );
}
