import {describe, expect, it} from 'vitest';
import type {Row} from '../../source/model/diff.js';
import {rowNamespaces} from '../../source/model/netns.js';
import {defaultFilters} from '../../source/options.js';
import {filterRows, passedNamespaces} from '../../source/hooks/use-rows.js';
import {socket} from '../components/live-fixtures.js';

const row = (netns: string | null, inode: number, mark: Row['mark'] = null): Row => ({key: String(inode), socket: socket({proto: 'tcp4', inode, netns, localPort: inode}), mark});
const spannedOf = (rows: readonly Row[]) => rowNamespaces(rows.filter(each => each.mark !== 'gone').map(each => each.socket));
const shownOf = (rows: readonly Row[]) => rows.filter(each => each.mark !== 'gone').length;
const search = {columns: [], context: {}} as unknown as Parameters<typeof filterRows>[2];

describe('passedNamespaces', () => {
	it('is the snapshot\'s own namespaces, the same array, where no filter is on', () => {
		const all = [row('host', 1), row('blue', 2), row('green', 3, 'gone')];
		const spanned = spannedOf(all);
		const filtered = filterRows(all, defaultFilters, search);
		expect(filtered).toBe(all);
		expect(passedNamespaces(spanned, all, filtered, shownOf(filtered))).toBe(spanned);
	});

	it('is the one namespace a snapshot spans while a row is shown, else none, without a pass over the rows', () => {
		const all = [row('blue', 1), row('blue', 2), row('host', 3, 'gone')];
		const spanned = spannedOf(all);
		expect(passedNamespaces(spanned, all, all.slice(1), 1)).toBe(spanned);
		expect(passedNamespaces(spanned, all, all.slice(2), 0)).toEqual([]);
	});

	it('is the namespaces of the rows shown where a filter passes some of several (gone rows not counted)', () => {
		const all = [row('host', 1), row('blue', 2), row('green', 3), row('red', 4, 'gone')];
		const filtered = [all[1]!, all[3]!];
		expect(passedNamespaces(spannedOf(all), all, filtered, 1)).toEqual(['blue']);
		expect(passedNamespaces(spannedOf(all), all, [all[0]!, all[2]!], 2)).toEqual(['host', 'green']);
	});
});
