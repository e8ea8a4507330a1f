import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {listPromptKey, type ListMode} from '../../source/hooks/list-prompt.js';
import {defaultFilters} from '../../source/options.js';

const noKey = {} as Key;
const prompt = (draft: string, error: string | null = null): ListMode => ({kind: 'list', list: 'ports', draft, error});

describe('listPromptKey', () => {
	it('edits the draft without touching the filters, and forgets the last error', () => {
		expect(listPromptKey(prompt('22', "'x' is wrong"), ',', noKey)).toEqual({next: prompt('22,')});
		expect(listPromptKey(prompt('22'), '', {...noKey, backspace: true})).toEqual({next: prompt('2')});
		expect(listPromptKey(prompt('22'), 'u', {...noKey, ctrl: true})).toEqual({next: prompt('')});
	});

	it('applies a good list on Enter and closes', () => {
		const step = listPromptKey(prompt('443,8000-8100'), '\r', {...noKey, return: true});
		expect(step.next).toBeNull();
		expect(step.apply?.(defaultFilters).ports).toEqual([[443, 443], [8000, 8100]]);
	});

	it('keeps the prompt open on a bad list, saying why, and changes no filter', () => {
		const step = listPromptKey(prompt('22,'), '\r', {...noKey, return: true});
		expect(step).toEqual({next: prompt('22,', "'22,' has an empty item (e.g. 22,80,8000-8100)")});
	});

	it('closes on Esc and changes no filter', () => {
		expect(listPromptKey(prompt('80'), '', {...noKey, escape: true})).toEqual({next: null});
	});
});
