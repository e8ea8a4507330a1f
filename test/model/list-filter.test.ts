import {describe, expect, it} from 'vitest';
import {formatPorts, listText, readListText} from '../../source/model/list-filter.js';
import {defaultFilters} from '../../source/options.js';

describe('list filters as text', () => {
	it('writes the lists as -p and -P take them', () => {
		expect(formatPorts([[22, 22], [8000, 8100]])).toBe('22,8000-8100');
		expect(listText({...defaultFilters, protocols: ['tcp', 'unix']}, 'protocols')).toBe('tcp,unix');
		expect(listText(defaultFilters, 'ports')).toBe('');
	});

	it('reads them back with the flags\' parsers; empty clears', () => {
		const edit = readListText('ports', '443, 8000-8100');
		expect(edit.type === 'apply' && edit.apply(defaultFilters).ports).toEqual([[443, 443], [8000, 8100]]);
		const cleared = readListText('protocols', '  ');
		expect(cleared.type === 'apply' && cleared.apply({...defaultFilters, protocols: ['tcp']}).protocols).toEqual([]);
	});

	it('says what is wrong in the flag\'s words, without the flag', () => {
		expect(readListText('ports', '22,')).toEqual({type: 'error', message: "'22,' has an empty item (e.g. 22,80,8000-8100)"});
		expect(readListText('protocols', 'tcpx')).toMatchObject({type: 'error', message: expect.stringMatching(/^unknown protocol 'tcpx'/)});
		expect(readListText('protocols', 'tcp4')).toEqual({type: 'error', message: '-P takes tcp without the 4; add -4 for IPv4'});
	});
});
