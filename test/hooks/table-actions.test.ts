import type {SetStateAction} from 'react';
import {describe, expect, it} from 'vitest';
import {runTableAction, stepInterval, type TableControls} from '../../source/hooks/table-actions.js';
import type {Action} from '../../source/keymap.js';
import {defaultFilters, type Filters} from '../../source/options.js';

describe('stepInterval', () => {
	it('steps through top-like round values', () => {
		expect(stepInterval(2, 1)).toBe(3);
		expect(stepInterval(2, -1)).toBe(1);
		expect(stepInterval(0.1, -1)).toBe(0.1);
		expect(stepInterval(60, 1)).toBe(120);
		expect(stepInterval(3600, 1)).toBe(3600);
	});

	it('steps from a -d value that is not a step to the nearest one in that direction', () => {
		expect(stepInterval(2.5, 1)).toBe(3);
		expect(stepInterval(2.5, -1)).toBe(2);
		expect(stepInterval(120, -1)).toBe(60);
		expect(stepInterval(400, -1)).toBe(300);
		expect(stepInterval(400, 1)).toBe(600);
	});
});

describe('runTableAction: a toggle\'s hint names the state it sets', () => {
	/**
	 * The action run on `drawn` filters while the live state is already `live` (a key of the same read
	 * changed it before a frame): the filters it ends with, and the footer's message.
	 */
	function run(action: Action, drawn: Partial<Filters>, live: Partial<Filters>, namespaces: readonly string[] = []) {
		let filters: Filters = {...defaultFilters, ...live};
		let message: string | null = null;
		const controls = {
			filters: {...defaultFilters, ...drawn},
			namespaces,
			table: {selected: null},
			source: {isRoot: true},
			setFilters(next: SetStateAction<Filters>) {
				filters = typeof next === 'function' ? next(filters) : next;
			},
			setMessage(next: SetStateAction<string | null>) {
				message = typeof next === 'function' ? next(message) : next;
			},
		} as unknown as TableControls;
		runTableAction(action, controls, {setMode: () => undefined, setHelpTop: () => undefined, onOpenScreen: () => undefined});
		return {filters, message};
	}

	it.each([
		['listening', 'l'],
		['connected', 'c'],
		['unix', 'u'],
	] as const)('%s: on, and says on, from the filters it was run on', (filter, key) => {
		const {filters, message} = run(filter, {[filter]: false}, {[filter]: true});
		expect(filters[filter]).toBe(true);
		expect(message).toMatch(new RegExp(`^${key}: filter on:`));
	});

	it('n: the namespace it steps to is the one it names', () => {
		const {filters, message} = run('netns', {netns: 'host'}, {netns: 'blue'}, ['host', 'blue']);
		expect(filters.netns).toBe('blue');
		expect(message).toBe('n: netns blue (n again: next; all is first in the cycle)');
	});
});
