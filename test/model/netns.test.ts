import {describe, expect, it} from 'vitest';
import {COLUMNS, columnsFor} from '../../source/model/columns.js';
import {layoutColumns} from '../../source/model/layout.js';
import {hasOtherNamespace, namespacesOf, nextNamespace, resolveNamespaceFilter, rowNamespaces} from '../../source/model/netns.js';
import {socket} from '../components/live-fixtures.js';

const at = (netns: string | null, inode: number) => socket({proto: 'tcp4', inode, netns});

describe('namespacesOf', () => {
	it('lists host first, then the other labels in text order, each once', () => {
		const sockets = [at('netns:[4026532202]', 1), at('blue', 2), at('host', 3), at('docker:3f4e5a6b7c8d', 4), at('blue', 5)];
		expect(namespacesOf(sockets)).toEqual(['host', 'blue', 'docker:3f4e5a6b7c8d', 'netns:[4026532202]']);
	});

	it("counts sockets without a label (lsof, sockstat, imports) as the host's", () => {
		expect(namespacesOf([at(null, 1), at('host', 2)])).toEqual(['host']);
		expect(namespacesOf([])).toEqual(['host']);
	});
});

describe('rowNamespaces', () => {
	it('lists the labels the sockets carry and no other, host first where one is the host\'s', () => {
		expect(rowNamespaces([at('blue', 1), at('docker:3f4e5a6b7c8d', 2)])).toEqual(['blue', 'docker:3f4e5a6b7c8d']);
		expect(rowNamespaces([at('blue', 1), at(null, 2)])).toEqual(['host', 'blue']);
		expect(rowNamespaces([])).toEqual([]);
	});
});

describe('hasOtherNamespace', () => {
	it('is true when any socket is outside the host namespace, one other namespace alone included', () => {
		expect(hasOtherNamespace(namespacesOf([at('uat-b', 1)]))).toBe(true);
		expect(hasOtherNamespace(namespacesOf([at('host', 1), at('blue', 2)]))).toBe(true);
	});

	it("is false for the host's sockets, sockets without a label and no sockets", () => {
		expect(hasOtherNamespace(namespacesOf([at('host', 1), at(null, 2)]))).toBe(false);
		expect(hasOtherNamespace(namespacesOf([]))).toBe(false);
	});
});

describe('nextNamespace', () => {
	const present = ['host', 'blue', 'docker:3f4e5a6b7c8d'];

	it('steps all, host, each namespace present, then back to all', () => {
		const seen = ['all'];
		for (let step = 0; step < 4; step++) {
			seen.push(nextNamespace(seen.at(-1) ?? 'all', present));
		}

		expect(seen).toEqual(['all', 'host', 'blue', 'docker:3f4e5a6b7c8d', 'all']);
	});

	it("treats '' as all, and a namespace that is gone goes back to all", () => {
		expect(nextNamespace('', present)).toBe('host');
		expect(nextNamespace('red', present)).toBe('all');
	});

	it('toggles between all and host on a machine with one namespace', () => {
		expect(nextNamespace('all', ['host'])).toBe('host');
		expect(nextNamespace('host', ['host'])).toBe('all');
	});
});

describe('resolveNamespaceFilter', () => {
	it('defaults to every namespace for root and to the host for other users', () => {
		expect(resolveNamespaceFilter('', true)).toBe('all');
		expect(resolveNamespaceFilter('', false)).toBe('host');
		expect(resolveNamespaceFilter('auto', false)).toBe('host');
	});

	it('defaults to the namespace socktop runs in for other users (ip netns exec blue)', () => {
		expect(resolveNamespaceFilter('', false, 'blue')).toBe('blue');
		expect(resolveNamespaceFilter('', true, 'blue')).toBe('all');
		expect(resolveNamespaceFilter('host', false, 'blue')).toBe('host');
	});

	it('keeps what --netns said', () => {
		expect(resolveNamespaceFilter('all', false)).toBe('all');
		expect(resolveNamespaceFilter('blue', true)).toBe('blue');
		expect(resolveNamespaceFilter('host', true)).toBe('host');
	});
});

describe('columnsFor', () => {
	it('has no NETNS column for one namespace', () => {
		expect(columnsFor(['host'])).toBe(COLUMNS);
	});

	it('puts NETNS after FD, as wide as the longest label within its bounds', () => {
		const ids = (namespaces: string[]) => columnsFor(namespaces).map(column => column.id);
		expect(ids(['host', 'blue'])).toEqual(['user', 'command', 'pid', 'fd', 'netns', 'proto', 'local', 'foreign', 'state', 'service']);
		const width = (namespaces: string[]) => layoutColumns(200, {}, columnsFor(namespaces)).find(placed => placed.column.id === 'netns')?.width;
		expect(width(['host', 'blue'])).toBe(6);
		expect(width(['host', 'docker:3f4e5a6b7c8d'])).toBe(19);
		expect(width(['host', 'a-very-long-namespace-name-indeed'])).toBe(19);
	});

	it('fits every column set into 80 and 40 columns', () => {
		for (const width of [80, 40]) {
			const placed = layoutColumns(width, {pid: 5, fd: 2}, columnsFor(['host', 'netns:[4026532202]']));
			expect(placed.reduce((sum, each) => sum + each.width, 0) + placed.length - 1).toBeLessThanOrEqual(width);
		}
	});
});
