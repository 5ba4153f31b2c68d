/**
 * The import-boundary lint (eslint.config.js's layerBoundaries) on imports written into
 * files of each layer: what DESIGN.md's arrows forbid is refused, what they allow passes.
 * Only the boundary rules run (no type information), so this takes milliseconds.
 */
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The config is plain JavaScript outside the TypeScript project: loaded by its URL.
const configUrl = new URL('../../eslint.config.js', import.meta.url).href;
const { layerBoundaries } = (await import(configUrl)) as { layerBoundaries: Linter.Config[] };

const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  overrideConfigFile: true,
  overrideConfig: [{ languageOptions: { parser: tseslint.parser } }, ...layerBoundaries],
});

async function refusals(filePath: string, importLine: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${importLine}\n`, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const CASES: [file: string, line: string, refused: boolean][] = [
  // The console and the admin routes read through the services, never the store.
  [
    'src/console/server/api/schedules.ts',
    "import { GLOBAL_REGION } from '../../../store/types.js';",
    true,
  ],
  [
    'src/console/server/api/context.ts',
    "import type { Scope } from '../../../store/types.js';",
    true,
  ],
  [
    'src/console/server/api/logs/tail.ts',
    "import type { Store } from '../../../../store/types.js';",
    true,
  ],
  ['src/gateway/admin/routes.ts', "import type { Store } from '../../store/types.js';", true],
  ['src/gateway/admin/guard.ts', "import { isStorageFault } from '../../store/fault.js';", true],
  [
    'src/console/server/api/schedules.ts',
    "import { DEFAULT_GROUP } from '../../../services/scheduler/queries.js';",
    false,
  ],
  [
    'src/gateway/admin/routes.ts',
    "import type { CallerIdentity } from '../../services/context.js';",
    false,
  ],
  // The rest of the gateway may name the store's faults; services own the store.
  ['src/gateway/app.ts', "import { isStorageFault } from '../store/fault.js';", false],
  ['src/services/events/queries.ts', "import type { Store } from '../../store/types.js';", false],
  // Arrows point down.
  ['src/engine/clock/real.ts', "import type { Store } from '../../store/types.js';", true],
  ['src/services/ecs/records.ts', "import { json } from '../../gateway/admin/routes.js';", true],
];

describe('the import-boundary lint', () => {
  it.each(CASES)('%s: %s (refused: %s)', async (file, line, refused) => {
    const found = await refusals(file, line);
    if (refused) {
      expect(found).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
    } else {
      expect(found).toEqual([]);
    }
  });

  it('says where the console and the admin routes read instead', async () => {
    const [message] = await refusals(
      'src/console/server/api/overview.ts',
      "import { ROLES } from '../../../store/types.js';",
    );
    expect(message).toContain("src/console reads no store: it calls the services' operations");
  });
});
