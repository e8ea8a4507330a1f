import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

/**
 * The layers stay apart (STYLE habit 10, as bottom's collection/ vs canvas/):
 * only the collectors, the services loader and the entry points touch the
 * OS; components, hooks, the model and the formatters get everything as
 * data or as parameters, so tests hand them fakes and a view never blocks on
 * a file. Checked on the import graph of source/, not by convention.
 */

const root = path.resolve(import.meta.dirname, '..');
const sourceDir = path.join(root, 'source');

/** Node modules that reach the OS: files, processes, threads, sockets, system facts. */
const ioModules = new Set(['fs', 'fs/promises', 'child_process', 'worker_threads', 'net', 'dgram', 'http', 'https', 'http2', 'cluster', 'os', 'readline']);

/**
 * Where I/O belongs: the backends and the services loader; and hangup.ts, which closes the
 * process's own stdio fds after an SSH drop so that Node's exit does not abort on them.
 */
const isIoAllowed = (file: string) => file.startsWith('source/collect/') || file === 'source/services/load.ts' || file === 'source/hangup.ts';
/** Who may hold the process object (stdout, argv, exit codes, signals). */
const processOwners = new Set(['source/cli.tsx', 'source/route.ts', 'source/app.tsx', 'source/terminal.ts', 'source/once.ts']);
const mayUseProcess = (file: string) => processOwners.has(file) || isIoAllowed(file);

/** Views and pure logic: no I/O, not even through what they import. */
const isViewLayer = (file: string) =>
	/^source\/(components|hooks|model|format)\//.test(file) || ['source/keymap.ts', 'source/theme.ts'].includes(file);

/**
 * Known violations in files whose owners are still at work, each with the fix.
 * The test below fails once a violation is gone, so this list cannot go stale.
 */
const pendingImports: ReadonlyArray<readonly [file: string, module: string, fix: string]> = [];
const pendingEdges: ReadonlyArray<readonly [from: string, to: string, fix: string]> = [];

type Import = {readonly specifier: string; readonly isTypeOnly: boolean};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.tsx?$/.test(entry.name) ? [path.relative(root, full).split(path.sep).join('/')] : [];
	});
}

/** Static imports and re-exports (with whether `import type` erases them) and dynamic import() calls. */
function importsOf(text: string): Import[] {
	const found: Import[] = [];
	for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm)) {
		found.push({specifier: match[3] ?? '', isTypeOnly: match[2] !== undefined});
	}

	for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) {
		found.push({specifier: match[1] ?? '', isTypeOnly: false});
	}

	for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]/g)) {
		found.push({specifier: match[1] ?? '', isTypeOnly: false});
	}

	return found;
}

const builtinName = (specifier: string) => specifier.replace(/^node:/, '');

/** 'source/x/y.js' for a relative specifier, resolved to the .ts or .tsx file that exists. */
function resolveLocal(from: string, specifier: string, files: ReadonlySet<string>): string | null {
	if (!specifier.startsWith('.')) return null;
	const base = path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, '');
	return [`${base}.ts`, `${base}.tsx`].find(candidate => files.has(candidate)) ?? null;
}

const files = sourceFiles(sourceDir);
const fileSet = new Set(files);
const texts = new Map(files.map(file => [file, readFileSync(path.join(root, file), 'utf8')]));
const imports = new Map(files.map(file => [file, importsOf(texts.get(file) ?? '')]));

const isPendingImport = (file: string, specifier: string) => pendingImports.some(([pending, module]) => pending === file && module === specifier);
const isPendingEdge = (from: string, to: string) => pendingEdges.some(([pendingFrom, pendingTo]) => pendingFrom === from && pendingTo === to);

/** Files that import an I/O module themselves (value imports only). */
const doesIo = new Set(
	files.filter(file => (imports.get(file) ?? []).some(each => !each.isTypeOnly && ioModules.has(builtinName(each.specifier)))),
);

/** The chain from `file` to a module doing I/O through value imports, or null. */
function ioPath(file: string, seen = new Set<string>()): string[] | null {
	if (doesIo.has(file)) return [file];
	seen.add(file);
	for (const each of imports.get(file) ?? []) {
		if (each.isTypeOnly) continue;
		const target = resolveLocal(file, each.specifier, fileSet);
		if (target === null || seen.has(target) || isPendingEdge(file, target)) continue;
		const rest = ioPath(target, seen);
		if (rest !== null) return [file, ...rest];
	}

	return null;
}

describe('layers', () => {
	it('finds the source files and their imports (the checks below are not vacuous)', () => {
		expect(files).toContain('source/components/live-view.tsx');
		expect(files).toContain('source/collect/linux/read.ts');
		expect(doesIo).toContain('source/collect/linux/read.ts');
		expect(doesIo).toContain('source/services/load.ts');
		expect(ioPath('source/collect/index.ts')).not.toBeNull();
	});

	it('imports node:fs, node:child_process and other OS modules only in collect/, services/load.ts and hangup.ts', () => {
		const offenders = files.flatMap(file =>
			(imports.get(file) ?? [])
				.filter(each => !each.isTypeOnly && ioModules.has(builtinName(each.specifier)))
				.filter(each => !isIoAllowed(file) && !isPendingImport(file, each.specifier))
				.map(each => `${file} imports ${each.specifier}`),
		);
		expect(offenders).toEqual([]);
	});

	it('imports node:process only in the entry points and the backends', () => {
		const offenders = files.flatMap(file =>
			(imports.get(file) ?? [])
				.filter(each => !each.isTypeOnly && builtinName(each.specifier) === 'process' && !mayUseProcess(file))
				.map(each => `${file} imports ${each.specifier}`),
		);
		expect(offenders).toEqual([]);
	});

	it('keeps components, hooks, model and format free of I/O, directly and through what they import', () => {
		const offenders = files.filter(file => isViewLayer(file)).flatMap(file => {
			const chain = ioPath(file);
			return chain === null ? [] : [chain.join(' -> ')];
		});
		expect(offenders).toEqual([]);
	});

	it('keeps the global process out of components, hooks, model and format', () => {
		const offenders = files
			.filter(file => isViewLayer(file))
			.filter(file => /(?<![\w.$/'"-])process\.\w+/.test((texts.get(file) ?? '').replaceAll(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
		expect(offenders).toEqual([]);
	});

	it.each(pendingImports)('still has the known violation %s imports %s (fix: %s; then drop it from the list)', (file, module) => {
		expect((imports.get(file) ?? []).some(each => each.specifier === module && !each.isTypeOnly)).toBe(true);
	});

	it.each(pendingEdges)('still has the known violation %s imports %s (fix: %s; then drop it from the list)', (from, to) => {
		expect((imports.get(from) ?? []).some(each => !each.isTypeOnly && resolveLocal(from, each.specifier, fileSet) === to)).toBe(true);
	});
});
