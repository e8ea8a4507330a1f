import {readFileSync} from 'node:fs';

const directory = new URL('../../fixtures/proc/', import.meta.url);

/** A captured /proc text (see test/fixtures/proc/SOURCES.md). */
export const fixture = (name: string): string => readFileSync(new URL(name, directory), 'utf8');

export type Expected = {
	readonly kind: string;
	readonly inode: number;
	readonly host?: string;
	readonly port?: number;
	readonly local?: readonly [string, number];
	readonly peer?: readonly [string, number];
	readonly path?: string;
	readonly protocol?: number;
};

/** What capture.py knew about each socket when it took the fixtures. */
export const expected = (): readonly Expected[] =>
	(JSON.parse(fixture('expected.json')) as {sockets: Expected[]}).sockets;
