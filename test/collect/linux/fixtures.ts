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

/** What capture-icmp.py knew about each ping socket: its family, inode, getsockname() and the address it connected to. */
export type ExpectedPing = {
	readonly kind: string;
	readonly family: 4 | 6;
	readonly inode: number;
	readonly local: readonly [string, number];
	readonly peer: string | null;
	readonly uid: number;
};

/** icmp-expected.json, or with `buckets` icmp-buckets-expected.json (see SOURCES.md). */
export const expectedPings = (name: 'icmp-expected.json' | 'icmp-buckets-expected.json'): {sockets: readonly ExpectedPing[]; unlisted?: number} =>
	JSON.parse(fixture(name)) as {sockets: ExpectedPing[]; unlisted?: number};
