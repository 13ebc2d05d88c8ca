// ESLint flat config. Beyond the usual TypeScript/React rules it enforces the architecture
// (../shared/ARCHITECTURE.md): the core is pure and deterministic, so it imports only itself and
// never touches the DOM, the clock or Math.random.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const coreMessage = 'src/core is pure: it imports only from src/core (./…), never React, the DOM or Node.';
const featureMessage = 'Features do not import each other: share through src/store, src/actions or src/core, and let src/app compose them.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The pure core. Keep src/core flat so that every "../" import leaves it.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: coreMessage }] }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'self', 'globalThis', 'navigator', 'localStorage', 'sessionStorage',
          'performance', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'postMessage', 'process',
          'crypto', 'fetch', 'HTMLElement', 'Element', 'Node', 'Worker']
          .map((name) => ({ name, message: `src/core must not use ${name}: it is pure and deterministic.` }))],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG in core/rng.ts: runs must replay.' },
        { object: 'Date', property: 'now', message: 'Simulated time only: the core never reads the wall clock.' },
        { object: 'performance', property: 'now', message: 'Simulated time only: the core never reads the wall clock.' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date']", message: 'Simulated time only: no Date in src/core.' }],
    },
  },
  {
    // Features are independent: a feature file imports its own folder (./…) and the layers below
    // (../../store, ../../core, …), never a sibling feature (../graph).
    files: ['src/features/*/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(?!\\.\\./)[^.]', message: featureMessage }] }] },
  },
);
