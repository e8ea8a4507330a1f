import {describe, expect, it} from 'vitest';
import {createTheme, isColorAllowed} from '../source/theme.js';

describe('isColorAllowed', () => {
	it('follows NO_COLOR (any non-empty value) and --no-color', () => {
		expect(isColorAllowed({}, true)).toBe(true);
		expect(isColorAllowed({NO_COLOR: '1'}, true)).toBe(false);
		expect(isColorAllowed({NO_COLOR: ''}, true)).toBe(true);
		expect(isColorAllowed({}, false)).toBe(false);
	});

	it('uses no colour on a monochrome terminal', () => {
		expect(isColorAllowed({TERM: 'xterm-mono'}, true)).toBe(false);
		expect(isColorAllowed({TERM: 'vt100'}, true)).toBe(false);
		expect(isColorAllowed({TERM: 'xterm-256color'}, true)).toBe(true);
		expect(isColorAllowed({TERM: 'screen'}, true)).toBe(true);
	});

	it('takes FORCE_COLOR=0 as no colour too', () => {
		expect(isColorAllowed({FORCE_COLOR: '0'}, true)).toBe(false);
		expect(isColorAllowed({FORCE_COLOR: 'false'}, true)).toBe(false);
		expect(isColorAllowed({FORCE_COLOR: '1'}, true)).toBe(true);
	});
});

describe('createTheme', () => {
	it('gives states and marks colours with colour on', () => {
		const theme = createTheme(true);
		expect(theme.state('LISTEN').color).toBe('green');
		expect(theme.state('CLOSE_WAIT').color).toBe('red');
		expect(theme.row('new', false).color).toBeDefined();
	});

	it('keeps the meaning in attributes, never a colour, with colour off', () => {
		const theme = createTheme(false);
		const styles = [
			theme.state('LISTEN'),
			theme.state('ESTABLISHED'),
			theme.row('new', false),
			theme.row('gone', false),
			theme.row(null, true),
			theme.tableHeader,
			theme.sortHeader,
			theme.warning,
			theme.paused,
			theme.key,
		];
		for (const style of styles) {
			expect(style.color).toBeUndefined();
		}

		expect(theme.row(null, true).inverse).toBe(true);
		expect(theme.row('new', false).bold).toBe(true);
		expect(theme.row('gone', false).dimColor).toBe(true);
	});
});
