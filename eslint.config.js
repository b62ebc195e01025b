// `npm run lint`: ESLint (typescript-eslint, react-hooks, import cycles, the
// capability boundary, no cycles between capability folders) and then Prettier's
// check. See docs/architecture.md for the module map the boundary rules enforce.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { capabilityBoundaries } from './tools/lint/capability-boundaries.js';
import { capabilityCycles } from './tools/lint/capability-cycles.js';

const root = path.dirname(fileURLToPath(import.meta.url));
const engineDir = path.join(root, 'engine');
const local = {
  rules: {
    'capability-boundaries': capabilityBoundaries(engineDir),
    'capability-cycles': capabilityCycles(engineDir),
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'designer/dist/',
      'data/',
      '.tmp/',
      'test/lint/fixtures/',
      'test/**/__screenshots__/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['designer/vite.config.ts'] }, tsconfigRootDir: root },
    },
    plugins: { 'import-x': importX, local },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') })],
    },
    rules: {
      // Type-aware rules that catch real defects (a promise nobody waits for, a cast that does nothing).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: [
      'engine/**/*.ts',
      'workers/**/*.ts',
      'plugins/**/*.ts',
      'designer/src/**/*.{ts,tsx}',
      'test/lint/fixtures/**/*.ts',
    ],
    // No exceptions: a folder cycle is cut, not allowed (docs/architecture.md, "Module map").
    rules: { 'local/capability-boundaries': 'error', 'local/capability-cycles': 'error' },
  },
  {
    // Tests read JSON bodies of every shape; typing each one would add noise, not safety.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['designer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
