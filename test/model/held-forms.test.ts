import {describe, expect, it} from 'vitest';
import {holdShort} from '../../source/model/held-forms.js';

describe('holdShort', () => {
	it('goes short at once and long again only 10 s after it last had to be short', () => {
		const first = holdShort(null, ['state'], 0);
		expect([...first.keys()]).toEqual(['state']);
		const second = holdShort(first, ['foreign'], 2000);
		expect([...second.keys()].sort()).toEqual(['foreign', 'state']);
		expect([...holdShort(second, [], 9999).keys()].sort()).toEqual(['foreign', 'state']);
		expect([...holdShort(second, [], 10_000).keys()]).toEqual(['foreign']);
		expect([...holdShort(second, [], 12_000).keys()]).toEqual([]);
	});
});
