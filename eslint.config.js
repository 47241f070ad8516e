import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The pure layers (DESIGN.md): no UI libraries, no DOM, no wall clock, no global randomness.
const uiModules = [
  'react',
  'react-dom',
  'react/*',
  'react-dom/*',
  'zustand',
  'zustand/*',
  '@xyflow/react',
  'monaco-editor',
  'monaco-editor/*',
  'monaco-yaml',
  '@xterm/*',
  'i18next',
  'react-i18next',
];
const pureRestrictions = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: uiModules,
          message: 'src/sim, src/shell and src/lessons are pure: no UI libraries (DESIGN.md).',
        },
        {
          group: ['**/ui/*', '**/state/*', '**/ui', '**/state'],
          message: 'Imports point down only (DESIGN.md).',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    'window',
    'document',
    'localStorage',
    'performance',
    'setTimeout',
    'setInterval',
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Use the simulation clock.' },
    { object: 'Math', property: 'random', message: 'Use the cluster RNG.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public/sw.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/sim/**/*.ts', 'src/shell/**/*.ts', 'src/lessons/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: pureRestrictions,
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
