// Builds the web console (src/console/ui) into dist/console-ui/: one JavaScript bundle
// (Preact included, so it works offline with no CDN), the stylesheet, and the page shell
// every /_teiki/console/ address answers with. Run by `npm run build`.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ui = join(root, 'src', 'console', 'ui');
const out = join(root, 'dist', 'console-ui');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });

await build({
  entryPoints: [join(ui, 'main.tsx')],
  outfile: join(out, 'assets', 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: join(ui, 'tsconfig.json'),
  logLevel: 'warning',
});
writeFileSync(join(out, 'assets', 'app.css'), readFileSync(join(ui, 'styles.css')));
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>teiki</title>
    <link rel="stylesheet" href="/_teiki/console/assets/app.css" />
    <script type="module" src="/_teiki/console/assets/app.js"></script>
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`,
);
