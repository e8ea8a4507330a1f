import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {helpLines} from '../../source/components/help.js';
import {stateHelpLines} from '../../source/components/state-lines.js';
import {cellHelpLines} from '../../source/components/cell-lines.js';
import {CELL_MEANINGS} from '../../source/services/cell-phrases.js';
import {createTheme} from '../../source/theme.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The `?` screen's lines as plain text, the way the README shows them. */
const helpText = () =>
	helpLines(createTheme(false))
		.map(segments => segments.map(segment => segment.text).join('').trimEnd())
		.join('\n');

describe('README', () => {
	it('lists the keys exactly as the ? help screen does', () => {
		expect(readme).toContain('```\n' + helpText() + '\n```');
	});

	it('lists the states exactly as the ? help screen explains them after the keys', () => {
		const states = stateHelpLines(createTheme(false), Number.POSITIVE_INFINITY)
			.slice(1)
			.map(segments => segments.map(segment => segment.text).join('').trimEnd())
			.join('\n');
		expect(readme).toContain('```\n' + states + '\n```');
	});

	it('lists the cells exactly as the ? help screen explains them after the states, each one the cell table explains', () => {
		const cells = cellHelpLines(createTheme(false), Number.POSITIVE_INFINITY)
			.slice(1)
			.map(segments => segments.map(segment => segment.text).join('').trimEnd())
			.join('\n');
		expect(readme).toContain('```\n' + cells + '\n```');
		// One wording: the table under "How cells are written" has a row for each, at more length.
		const firstColumns = [...readme.matchAll(/^\| (`[^|]*`) \|/gmu)].map(match => match[1]!);
		for (const [notation] of CELL_MEANINGS) expect(firstColumns.some(cell => cell.includes(notation)), notation).toBe(true);
	});
});
