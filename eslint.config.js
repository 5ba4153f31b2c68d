import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The arrows of DESIGN.md, checked on every import in src/: cli → gateway → triggers →
 * services → engine, store, runtimes (the console beside the gateway, the composition root in
 * src/*.ts above all). A layer imports nothing above it, and the bottom layers nothing
 * from each other but what is listed. Imports are relative, so a layer is recognised by its
 * folder name in the specifier (`../../gateway/…`), and the composition root by its module
 * names climbing out of the layer (`../../teiki.js`; no file below src/ bears those names).
 */
const LAYER = {
  cli: '(^|/)cli/',
  gateway: '(^|/)gateway/',
  triggers: '(^|/)triggers/',
  services: '(^|/)services/',
  console: '(^|/)console/',
  engine: '(^|/)engine/',
  store: '(^|/)store/',
  runtimes: '(^|/)runtimes/',
  // The composition root but its configuration: what starts teiki and wires it up.
  root: '^(\\.\\./)+(teiki|node|register-services)\\.js$',
  // The configuration (src/config.ts), which the layers that are configured read.
  config: '^(\\.\\./)+config\\.js$',
};

/** How a message names what LAYER recognises. */
const NAME = {
  root: 'the composition root (src/teiki.ts, node.ts, register-services.ts)',
  config: 'src/config.ts (the engine and the store are given values, not the configuration)',
};

/** What each layer may not import (by the names in LAYER). */
const FORBIDDEN = {
  engine: [
    'cli',
    'gateway',
    'triggers',
    'services',
    'console',
    'store',
    'runtimes',
    'root',
    'config',
  ],
  store: ['cli', 'gateway', 'triggers', 'services', 'console', 'runtimes', 'root', 'config'],
  runtimes: ['cli', 'gateway', 'triggers', 'services', 'console', 'store', 'root'],
  services: ['cli', 'gateway', 'triggers', 'console', 'root'],
  triggers: ['cli', 'gateway', 'console', 'root'],
  gateway: ['cli', 'console', 'root'],
  // The admin routes and the console read through the services' operations and read models
  // (src/services/*/queries.ts): no store, not even its types, so nothing there can hold one.
  'gateway/admin': ['cli', 'console', 'root', 'store'],
  console: ['cli', 'store', 'root'],
};

/** The layers that read no store: they go through the services, as an AWS client would. */
const THROUGH_SERVICES = ['console', 'gateway/admin'];

/**
 * `files` of `layer` may import from the layers `allowed` names only what its expression
 * matches (after the layer's folder), and nothing else from above.
 */
function boundary(layer, files, allowed = {}) {
  const patterns = FORBIDDEN[layer].map((above) => ({
    regex: allowed[above] ? `${LAYER[above]}(?!${allowed[above]})` : LAYER[above],
    message:
      above === 'store' && THROUGH_SERVICES.includes(layer)
        ? `src/${layer} reads no store: it calls the services' operations, and their read models (src/services/*/queries.ts) for what no operation answers (DESIGN.md).`
        : `src/${layer} imports nothing from ${NAME[above] ?? `src/${above}`} (DESIGN.md: cli → gateway → triggers → services → engine, store, runtimes).`,
  }));
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

/**
 * The layers' rules; none crosses today. A crossing would be a later entry for its files
 * (it replaces the rule there) naming exactly what they may import and the issue that
 * removes it. Exported for test/lint/boundaries.test.ts.
 */
export const layerBoundaries = [
  boundary('engine', ['src/engine/**/*.ts']),
  boundary('store', ['src/store/**/*.ts']),
  boundary('runtimes', ['src/runtimes/**/*.ts']),
  boundary('services', ['src/services/**/*.ts']),
  boundary('triggers', ['src/triggers/**/*.ts']),
  boundary('gateway', ['src/gateway/**/*.ts']),
  boundary('gateway/admin', ['src/gateway/admin/**/*.ts']),
  boundary('console', ['src/console/**/*.ts', 'src/console/**/*.tsx']),
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'src/services/*/generated/**', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'bin/*.js',
            'scripts/*.mjs',
            'bench/*.mjs',
            'bench/lib/*.mjs',
            'test/helpers/*.mjs',
          ],
          // The bench groups, bin, scripts and a test helper's worker thread are plain
          // JavaScript outside tsconfig; each is its own small default project.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 30,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time comes from the Clock (src/engine/clock).',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    // The clock itself, tests, benchmarks and scripts may read the wall clock.
    files: ['src/engine/clock/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The console's pages run in the browser: their own tsconfig (DOM, Preact's JSX).
    files: ['src/console/ui/**/*.ts', 'src/console/ui/**/*.tsx'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: {
        projectService: false,
        project: './src/console/ui/tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  ...layerBoundaries,
);
