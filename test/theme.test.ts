import {describe, expect, it} from 'vitest';
import {createTheme, isColorAllowed} from '../source/theme.js';

describe('isColorAllowed', () => {
	it('follows NO_COLOR (any non-empty value) and --no-color', () => {
		expect(isColorAllowed({}, 'auto')).toBe(true);
		expect(isColorAllowed({NO_COLOR: '1'}, 'auto')).toBe(false);
		expect(isColorAllowed({NO_COLOR: ''}, 'auto')).toBe(true);
		expect(isColorAllowed({}, 'never')).toBe(false);
	});

	it('uses no colour on a monochrome terminal', () => {
		expect(isColorAllowed({TERM: 'xterm-mono'}, 'auto')).toBe(false);
		expect(isColorAllowed({TERM: 'vt100'}, 'auto')).toBe(false);
		expect(isColorAllowed({TERM: 'xterm-256color'}, 'auto')).toBe(true);
		expect(isColorAllowed({TERM: 'screen'}, 'auto')).toBe(true);
	});

	it('takes FORCE_COLOR=0 as no colour too', () => {
		expect(isColorAllowed({FORCE_COLOR: '0'}, 'auto')).toBe(false);
		expect(isColorAllowed({FORCE_COLOR: 'false'}, 'auto')).toBe(false);
		expect(isColorAllowed({FORCE_COLOR: '1'}, 'auto')).toBe(true);
	});

	it('gives colours for --color even where NO_COLOR, FORCE_COLOR=0 or the terminal would not (no-color.org: a flag overrides)', () => {
		expect(isColorAllowed({NO_COLOR: '1', FORCE_COLOR: '0', TERM: 'vt100'}, 'always')).toBe(true);
		expect(isColorAllowed({NO_COLOR: '1'}, 'never')).toBe(false);
		expect(isColorAllowed({TERM: 'xterm-256color'}, 'never')).toBe(false);
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
