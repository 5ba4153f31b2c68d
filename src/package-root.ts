/**
 * The folder of the teiki package this code runs from: the nearest one above this module
 * that holds a package.json. Found by climbing, not by a fixed `../`, because the same
 * module runs from three depths: src/ (the tests), dist/ (tsc's modules, which the benches
 * import) and dist/bundle/ (the bundle `bin/teiki.js` runs; DESIGN.md, The build).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

export function packageRoot(): string {
  if (found !== undefined) return found;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return (found = dir);
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
