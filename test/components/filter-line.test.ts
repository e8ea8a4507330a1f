/** The header's third line where the namespaces of the rows and the count do not both fit. */
import {describe, expect, it} from 'vitest';
import {filterLineForm} from '../../source/components/filter-line.js';
import {displayWidth} from '../../source/format/escape.js';
import {defaultFilters} from '../../source/options.js';
import {createTheme} from '../../source/theme.js';

const theme = createTheme(false);
const text = (width: number, unlabelledNetns: readonly string[]) =>
	filterLineForm({sort: 'COMMAND asc', sortShort: 'COMMAND▲', filters: defaultFilters, shown: 2091, rows: 2091, unlabelledNetns, width, theme})
		.segments.map(segment => segment.text)
		.join('');

describe('filterLineForm with no filter set and rows in other namespaces', () => {
	const namespaces = ['host', 'socktop-stress-25212-soak'];

	it('keeps the count whole and cuts the namespaces where both do not fit', () => {
		const line = text(50, namespaces);
		expect(displayWidth(line)).toBeLessThanOrEqual(50);
		expect(line).toMatch(/showing 2091 of 2091$/);
		expect(line).toMatch(/^netns host,socktop-\S*… {3}showing/);
	});

	it('leaves the namespaces out rather than keep a few letters of them', () => {
		const line = text(30, namespaces);
		expect(line).toBe('showing 2091 of 2091');
	});

	it('says both whole where they fit', () => {
		expect(text(120, namespaces)).toContain('netns host,socktop-stress-25212-soak   showing 2091 of 2091');
	});
});
