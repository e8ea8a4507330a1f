import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/stress/**/*.test.{ts,tsx}'],
		testTimeout: 20 * 60_000,
		hookTimeout: 60_000,
		fileParallelism: false,
		setupFiles: ['test/setup/environment.ts'],
	},
});
