import {describe, expect, it} from 'vitest';
import {type NamespaceSearch, UserError} from '../../source/collect/collector.js';
import {checkNamespaceFilter} from '../../source/collect/netns-filter.js';

/** A proc-like collector whose search answers `isFound` and records what it was asked. */
const searching = (isFound: boolean | null) => {
	const asked: string[] = [];
	const findNamespace = async (label: string): Promise<NamespaceSearch> => (asked.push(label), {isFound, labels: ['host', 'uat-a', 'uat-b']});
	return {asked, collector: {name: 'proc' as const, findNamespace}};
};

describe('checkNamespaceFilter', () => {
	it('rejects a name no namespace has, in one line naming the ones there are', async () => {
		await expect(checkNamespaceFilter('bogus', searching(false).collector)).rejects.toThrow(
			new UserError("--netns: no network namespace named 'bogus' (namespaces now: host, uat-a, uat-b)"),
		);
	});

	it('rejects an inode no namespace has as an inode, however it is spelled, not as a name', async () => {
		for (const netns of ['12345', '[12345]', 'net:[12345]', 'netns:[12345]']) {
			await expect(checkNamespaceFilter(netns, searching(false).collector)).rejects.toThrow(
				new UserError('--netns: no network namespace with inode 12345 (namespaces now: host, uat-a, uat-b)'),
			);
		}
	});

	it('takes a namespace found (with or without sockets) and one the backend cannot rule out', async () => {
		await expect(checkNamespaceFilter('uat-a', searching(true).collector)).resolves.toBe('uat-a');
		await expect(checkNamespaceFilter('netns:[4026532202]', searching(null).collector)).resolves.toBe('netns:[4026532202]');
	});

	it('resolves to the label the search gives an inode spelled another way', async () => {
		const findNamespace = async (): Promise<NamespaceSearch> => ({isFound: true, labels: ['host', 'uat-a'], label: 'uat-a'});
		await expect(checkNamespaceFilter('4026532202', {name: 'proc', findNamespace})).resolves.toBe('uat-a');
	});

	it('takes all, host and no --netns without searching, on any backend', async () => {
		const {asked, collector} = searching(false);
		for (const netns of ['', 'auto', 'all', 'host']) {
			await expect(checkNamespaceFilter(netns, collector)).resolves.toBe(netns);
			await expect(checkNamespaceFilter(netns, {name: 'lsof'})).resolves.toBe(netns);
		}

		expect(asked).toEqual([]);
	});

	it('says a backend without namespaces sees only its own, not that the name is wrong', async () => {
		await expect(checkNamespaceFilter('uat-a', {name: 'lsof'}, 'linux')).rejects.toThrow(
			new UserError('--netns uat-a: the lsof backend sees only its own network namespace (use --backend proc)'),
		);
		// macOS and FreeBSD have no proc backend to suggest.
		await expect(checkNamespaceFilter('uat-a', {name: 'lsof'}, 'darwin')).rejects.toThrow(
			new UserError('--netns uat-a: the lsof backend sees only its own network namespace'),
		);
		await expect(checkNamespaceFilter('uat-a', {name: 'sockstat'}, 'freebsd')).rejects.toThrow(
			new UserError('--netns uat-a: the sockstat backend sees only its own network namespace'),
		);
		await expect(checkNamespaceFilter('uat-a', {name: 'import'}, 'linux')).rejects.toThrow(
			new UserError('--netns uat-a: a capture does not say which network namespace its sockets are in'),
		);
	});
});
