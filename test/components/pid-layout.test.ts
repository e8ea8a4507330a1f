import {describe, expect, it} from 'vitest';
import {explanationLineCount, explanationLines, layoutPidView, wrapText} from '../../source/components/pid-layout.js';

describe('layoutPidView', () => {
	const base = {hasProcess: true, noticeLines: 0, dialogLines: 0};

	it('shows everything when it fits', () => {
		expect(layoutPidView({...base, height: 40, rows: 10, explanations: 4})).toEqual({factLines: 4, tableRows: 10, explainLines: 4});
	});

	it('gives explanations at most a quarter of the rest on a crowded screen, and drops facts on short ones', () => {
		expect(layoutPidView({...base, height: 24, rows: 200, explanations: 50})).toEqual({factLines: 4, tableRows: 12, explainLines: 3});
		expect(layoutPidView({...base, height: 14, rows: 200, explanations: 50})).toEqual({factLines: 2, tableRows: 6, explainLines: 1});
		expect(layoutPidView({...base, height: 10, rows: 200, explanations: 0})).toEqual({factLines: 0, tableRows: 5, explainLines: 0});
	});

	it('keeps every part within the height', () => {
		for (let height = 6; height < 60; height++) {
			for (const rows of [0, 1, 5, 300]) {
				const layout = layoutPidView({...base, noticeLines: 2, dialogLines: 8, height, rows, explanations: Math.min(rows, 7)});
				const used = 1 + layout.factLines + 2 + 8 + (rows > 0 ? 4 + layout.tableRows : 1) + layout.explainLines;
				if (height >= 1 + 2 + 8 + 4 + 1) expect(used, `height ${height}, rows ${rows}`).toBeLessThanOrEqual(height);
			}
		}
	});
});

describe('explanationLines', () => {
	const long = 'fd 3: sshd listens for TCP connections on port 22 (ssh — The Secure Shell (SSH) Protocol) on every IPv4 address';

	it('wraps each sentence to two lines at a space when all fit', () => {
		expect(explanationLineCount([long], 60)).toBe(2);
		expect(explanationLines([long], 4, 60)).toEqual([
			'fd 3: sshd listens for TCP connections on port 22 (ssh —',
			'  The Secure Shell (SSH) Protocol) on every IPv4 address',
		]);
	});

	it('cuts to one line each, then counts what is left out', () => {
		expect(explanationLines([long, long], 2, 30)).toEqual(['fd 3: sshd listens for TCP co…', 'fd 3: sshd listens for TCP co…']);
		expect(explanationLines([long, long, long], 2, 50)).toEqual([
			'fd 3: sshd listens for TCP connections on port 22…',
			'… 2 more explanations for the rows above',
		]);
		expect(explanationLines([long], 0, 50)).toEqual([]);
	});
});

describe('wrapText', () => {
	it('breaks at spaces, indents continuation lines and cuts the last one', () => {
		expect(wrapText('one two three four five six', 10, 3)).toEqual(['one two', '  three', '  four fi…']);
		expect(wrapText('short', 10, 3)).toEqual(['short']);
		// A word longer than the line is split where the line ends.
		expect(wrapText('averyveryverylongword and more', 10, 2)).toEqual(['averyvery', '  verylon…']);
	});

	it('breaks a long path after a slash', () => {
		expect(wrapText('fd 9: the file /var/cache/nginx/proxy_temp/0000000427.tmp', 40, 3)).toEqual([
			'fd 9: the file /var/cache/nginx/',
			'  proxy_temp/0000000427.tmp',
		]);
	});
});
