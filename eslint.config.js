import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

// The architecture's arrows, made true by lint: renderer → shared, electron → shared, server → shared;
// only the shell's adapter files import `electron`; shared imports nothing of the project.
const noElectron = { name: 'electron', message: 'Only electron/src/adapters/* may import electron.' };
const projectPattern = (part) => ({
  group: [`**/${part}/**`, `../${part}`, `../../${part}`],
  message: `Do not import ${part}/ from here (see shared/design/architecture.md).`,
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tsbuild/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            projectPattern('renderer'),
            projectPattern('server'),
            projectPattern('electron'),
            {
              group: ['node:*', 'react', 'dexie'],
              message: 'shared/ runs everywhere: no Node, DOM framework or storage imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [projectPattern('server'), projectPattern('electron')] },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [projectPattern('renderer'), projectPattern('electron')] },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/src/adapters/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [projectPattern('renderer'), projectPattern('server')] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
);
