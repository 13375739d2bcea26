// Lint: typescript-eslint's recommended rules, plus the layering rule from CONVENTIONS.md:
// shared imports nothing of ours and no platform; the renderer never reaches Node, Electron or main;
// only adapters import the vendor libraries of external systems; only the Electron glue imports electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const vendorLibraries = ['simple-git', 'better-sqlite3', 'dockerode', '@kubernetes/client-node'];
const electronOnly = { name: 'electron', message: 'Only the Electron glue (src/main/index.ts, window.ts, electron/) imports electron.' };
const vendorRule = vendorLibraries.map((name) => ({
  name,
  message: `Only src/main/adapters/ imports ${name}; use its port instead.`
}));

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'reports/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['bin/**/*.cjs', 'scripts/**/*.mjs', 'scripts/**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, ...nodeBuiltins.map((name) => ({ name, message: 'src/shared runs everywhere: no Node modules.' }))],
          patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared imports nothing of ours outside shared.' }]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, ...vendorRule, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer never imports Node modules.' }))],
          patterns: [{ group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through the contract client.' }]
        }
      ]
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: vendorRule, patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'preload only forwards the contract.' }] }
      ]
    }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/adapters/**', 'src/main/index.ts', 'src/main/window.ts', 'src/main/electron/**', 'src/main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronOnly, ...vendorRule], patterns: [{ group: ['**/renderer/**'], message: 'main never imports the renderer.' }] }
      ]
    }
  },
  {
    files: ['src/main/adapters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] }
  }
);
