/**
 * The console's pages and assets, built by `npm run build` (scripts/build-console.mjs)
 * into `dist/console-ui/`. Every path under `/_teiki/console/` that is not an asset gets
 * the page shell, so each console page has a bookmarkable address the browser router
 * resolves.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withAccess, type AdminRoute } from '../../gateway/admin/routes.js';
import type { WireResponse } from '../../gateway/protocols/types.js';
import { packageRoot } from '../../package-root.js';

export const CONSOLE_PATH = '/_teiki/console';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** `dist/console-ui` of the package this module belongs to, if it is built. */
export function builtConsoleDir(): string | undefined {
  const built = join(packageRoot(), 'dist', 'console-ui');
  return existsSync(join(built, 'index.html')) ? built : undefined;
}

export function consoleAssetRoutes(
  uiDir = builtConsoleDir(),
): Record<string, Partial<Record<string, AdminRoute>>> {
  const cache = new Map<string, Buffer>();
  const read = (file: string): Buffer | undefined => {
    if (!uiDir) return undefined;
    let bytes = cache.get(file);
    if (!bytes) {
      // A NUL byte cannot name a file (and makes Node's fs calls throw).
      if (file.includes('\0')) return undefined;
      const path = resolve(uiDir, file);
      // Only regular files inside the built folder: `..` in a path must not reach anything
      // else, and `assets/` or `assets/.` name the folder itself.
      if (!path.startsWith(uiDir + '/') || !isFile(path)) return undefined;
      bytes = readFileSync(path);
      cache.set(file, bytes);
    }
    return bytes;
  };
  // Open under --auth enforce: the shell and its scripts hold no data, and the sign-in
  // form is in them.
  const serve: AdminRoute = withAccess('open', (req) => {
    const rest = req.path.slice(CONSOLE_PATH.length).replace(/^\/+/, '');
    if (rest.startsWith('assets/')) {
      const bytes = read(rest);
      if (!bytes) return Promise.resolve(text(404, `No console asset ${rest}.`));
      return Promise.resolve(file(bytes, rest, 'public, max-age=300'));
    }
    const shell = read('index.html');
    if (!shell) {
      return Promise.resolve(
        text(503, 'The console is not built. Run `npm run build` in the teiki checkout.'),
      );
    }
    return Promise.resolve(file(shell, 'index.html', 'no-cache'));
  });
  return { [`${CONSOLE_PATH}/*`]: { GET: serve, HEAD: serve } };
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function file(body: Buffer, name: string, cacheControl: string): WireResponse {
  const ext = name.slice(name.lastIndexOf('.'));
  return {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'cache-control': cacheControl,
    },
    body,
  };
}

function text(status: number, message: string): WireResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
}
