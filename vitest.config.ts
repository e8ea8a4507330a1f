import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		exclude: ['test/stress/**', 'node_modules/**'],
		setupFiles: ['test/setup/environment.ts', 'test/setup/fast-check.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
