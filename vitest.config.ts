import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';
import {sliceAnsiWidthPatch} from './scripts/width-patch.mjs';

export default defineConfig({
	resolve: {
		// As in the bundle (scripts/build.mjs): Ink measures text as socktop fits it.
		alias: {'string-width': fileURLToPath(new URL('source/format/string-width.ts', import.meta.url))},
	},
	plugins: [
		{
			// Ink's and ink-testing-library's builds ship source maps to sources they do not
			// ship, and Vite warns of each file it runs (test.server.deps below): load them bare.
			name: 'ink-without-source-maps',
			async load(id) {
				return /[\\/]node_modules[\\/]ink(-testing-library)?[\\/]build[\\/].*\.js$/.test(id) ? {code: await readFile(id, 'utf8'), map: null} : null;
			},
		},
		{
			// As scripts/build.mjs patches the bundle.
			name: 'slice-ansi-width',
			transform(code, id) {
				if (!sliceAnsiWidthPatch.file.test(id)) return null;
				if (!code.includes(sliceAnsiWidthPatch.from)) throw new Error(`${id} changed: update scripts/width-patch.mjs`);
				return code.replace(sliceAnsiWidthPatch.from, () => sliceAnsiWidthPatch.to);
			},
		},
	],
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		exclude: ['test/stress/**', 'node_modules/**'],
		setupFiles: ['test/setup/environment.ts', 'test/setup/fast-check.ts'],
		// Bounds on a hang only: CI's two cores can be at a load of 25-50, where a test that takes 3 s
		// alone takes 40 (waits for a frame or a state have their own bound, test/helpers/wait.ts).
		testTimeout: 60_000,
		hookTimeout: 60_000,
		server: {
			deps: {
				// Vitest leaves node_modules to Node, which would not see the alias or the patch:
				// run the packages that measure text (string-width, slice-ansi) through Vitest,
				// and ink-testing-library, so that it renders with that same Ink.
				inline: ['ink', 'ink-testing-library', 'widest-line', 'cli-truncate', 'wrap-ansi', '@alcalzone/ink-table', 'slice-ansi'],
			},
		},
	},
});
