/**
 * `--store postgres://user:password@host:port/database`: what the store was given, and how
 * to name it in a banner or an error without the password.
 */

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/**
 * `postgres://user@host:port/database`: the URL as it may be shown. Query parameters are
 * dropped (they may carry a password too); a socket directory given as `?host=` is kept.
 */
export function redactPostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'postgres://(an unreadable URL)';
  }
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
  const where = `postgres://${user}${parsed.host}/${database}`;
  const socket = parsed.searchParams.get('host');
  return socket ? `${where} (socket ${socket})` : where;
}
