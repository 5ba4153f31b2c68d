// Bundles the server (src/cli/main.ts and everything it imports) into dist/bundle/, the
// program bin/teiki.js runs. Node opens one file for a few hundred KB of code instead of
// resolving and opening ~750 modules one by one, which was most of the CPU of every start
// (DESIGN.md, The build). `import('./start.js')` in main.ts becomes a separate chunk, so
// --version, --help, stop and terraform-provider load only the small entry. The packages
// in "dependencies" stay external (better-sqlite3 is native, pg loads its parts with
// require): node_modules provides them at run time, as before. Run by `npm run build`.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bundle');
const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });

await build({
  entryPoints: { teiki: join(root, 'src', 'cli', 'main.ts') },
  outdir: out,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  // The oldest Node `engines` allows, so nothing newer than it slips into the output.
  target: `node${engines.node.replace(/^>=/, '')}`,
  packages: 'external',
  // Stack traces point into src/ (bin/teiki.js turns source maps on). Mappings only: the
  // sources themselves would triple the maps' size and Node reads a map whole.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});
