import {describe, expect, it} from 'vitest';
import {explanationLineCount, explanationLines, layoutPidView, wrapText} from '../../source/components/pid-layout.js';

describe('layoutPidView', () => {
	const base = {hasProcess: true, noticeLines: 0, dialogLines: 0};

	it('shows everything when it fits', () => {
		expect(layoutPidView({...base, height: 40, rows: 10, selected: 2, explanations: 4})).toEqual({factLines: 4, cmdlineLines: 1, tableRows: 10, selectedLines: 2, explainLines: 4});
	});

	it('gives the other explanations what is left of a quarter after the selected one\'s, and drops facts on short screens, the Cmdline last', () => {
		expect(layoutPidView({...base, height: 24, rows: 200, selected: 1, explanations: 50})).toEqual({factLines: 4, cmdlineLines: 1, tableRows: 12, selectedLines: 1, explainLines: 2});
		expect(layoutPidView({...base, height: 14, rows: 200, selected: 1, explanations: 50})).toEqual({factLines: 2, cmdlineLines: 1, tableRows: 6, selectedLines: 1, explainLines: 0});
		// 10 lines (a 40x11 terminal) keep one line of facts, the Cmdline (what the process is), and three rows;
		// 9 (40x10) none: the table's three rows and the selected fd's line come first.
		expect(layoutPidView({...base, height: 10, rows: 200, selected: 1, explanations: 0})).toEqual({factLines: 1, cmdlineLines: 1, tableRows: 3, selectedLines: 1, explainLines: 0});
		expect(layoutPidView({...base, height: 9, rows: 200, selected: 1, explanations: 0})).toEqual({factLines: 0, cmdlineLines: 0, tableRows: 3, selectedLines: 1, explainLines: 0});
	});

	it('gives the selected fd\'s whole explanation its lines before the others and before table rows past the first three', () => {
		// 80x24, a daemon with many fds: a three-line sentence is shown whole, the table keeps 12 - 3 rows.
		expect(layoutPidView({...base, height: 24, rows: 30, selected: 3, explanations: 40})).toEqual({factLines: 4, cmdlineLines: 1, tableRows: 12, selectedLines: 3, explainLines: 0});
		expect(layoutPidView({...base, height: 24, rows: 30, selected: 5, explanations: 40})).toEqual({factLines: 4, cmdlineLines: 1, tableRows: 10, selectedLines: 5, explainLines: 0});
		// 10 lines: the Cmdline, then four lines for rows and explanations; the table keeps three.
		expect(layoutPidView({...base, height: 10, rows: 30, selected: 5, explanations: 40})).toEqual({factLines: 1, cmdlineLines: 1, tableRows: 3, selectedLines: 1, explainLines: 0});
		// Fewer rows than three: the table keeps them all.
		expect(layoutPidView({...base, height: 10, rows: 2, selected: 5, explanations: 2})).toEqual({factLines: 1, cmdlineLines: 1, tableRows: 2, selectedLines: 2, explainLines: 0});
		// With the compact kill dialog on a 40x10 screen: one row, one line, and no facts (the dialog names the process).
		expect(layoutPidView({...base, height: 10, dialogLines: 3, rows: 30, selected: 5, explanations: 40})).toEqual({factLines: 0, cmdlineLines: 0, tableRows: 1, selectedLines: 1, explainLines: 0});
	});

	it('gives lines that would stay blank to explanations cut short: the selected one\'s first, then the others\'', () => {
		// 80x30, six fds: 21 lines for rows and explanations, 6 + 1 + 4 used; 10 to spare, 2 wanted.
		expect(layoutPidView({...base, height: 30, rows: 6, selected: 1, explanations: 4, selectedWhole: 1, explanationsWhole: 6})).toEqual({factLines: 4, cmdlineLines: 1, tableRows: 6, selectedLines: 1, explainLines: 6});
		// 80x26: 17 lines, 6 + 5 + 4 used; the 2 to spare go to the selected fd's explanation.
		expect(layoutPidView({...base, height: 26, rows: 6, selected: 5, explanations: 4, selectedWhole: 7, explanationsWhole: 9})).toEqual({factLines: 4, cmdlineLines: 1, tableRows: 6, selectedLines: 7, explainLines: 4});
		expect(layoutPidView({...base, height: 27, rows: 6, selected: 5, explanations: 4, selectedWhole: 7, explanationsWhole: 9})).toEqual({factLines: 4, cmdlineLines: 1, tableRows: 6, selectedLines: 7, explainLines: 5});
		// Nothing to spare: as before.
		expect(layoutPidView({...base, height: 24, rows: 30, selected: 5, explanations: 40, selectedWhole: 9, explanationsWhole: 60})).toEqual({factLines: 4, cmdlineLines: 1, tableRows: 10, selectedLines: 5, explainLines: 0});
	});

	it('lets a long command line take up to three lines from those to spare, after the selected fd\'s explanation, never from the table', () => {
		// 80x30, six fds, 6 lines to spare: the selected explanation's 2 more, the command line's 2, the others' last 2.
		expect(layoutPidView({...base, height: 30, rows: 6, selected: 5, explanations: 4, selectedWhole: 7, explanationsWhole: 9, cmdline: 3})).toEqual({factLines: 4, cmdlineLines: 3, tableRows: 6, selectedLines: 7, explainLines: 6});
		// 80x27: 3 to spare; the selected one takes 2, the command line 1 of its 2 more, the others none.
		expect(layoutPidView({...base, height: 27, rows: 6, selected: 5, explanations: 4, selectedWhole: 7, explanationsWhole: 9, cmdline: 3})).toEqual({factLines: 4, cmdlineLines: 2, tableRows: 6, selectedLines: 7, explainLines: 4});
		// More rows than fit: the table keeps every line it can, the command line one.
		expect(layoutPidView({...base, height: 24, rows: 30, selected: 1, explanations: 20, cmdline: 3})).toEqual({factLines: 4, cmdlineLines: 1, tableRows: 12, selectedLines: 1, explainLines: 2});
		// A short screen keeps the command line among its two lines of facts, and wraps it over lines to spare.
		expect(layoutPidView({...base, height: 16, rows: 2, selected: 1, explanations: 0, cmdline: 3})).toEqual({factLines: 2, cmdlineLines: 3, tableRows: 2, selectedLines: 1, explainLines: 0});
	});

	it('gives a Sockets fact that needs a line of its own a fifth line of facts where four fit (80x24), from the table only when it scrolls', () => {
		// 80x24, sshd's five fds: every row stays, the explanations give the line.
		expect(layoutPidView({...base, height: 23, rows: 5, selected: 1, explanations: 2, socketsLine: true})).toEqual({factLines: 5, cmdlineLines: 1, tableRows: 5, selectedLines: 1, explainLines: 2});
		expect(layoutPidView({...base, height: 23, rows: 200, selected: 1, explanations: 50, socketsLine: true})).toEqual({factLines: 5, cmdlineLines: 1, tableRows: 10, selectedLines: 1, explainLines: 2});
		// 60x20: three lines of facts, as without it.
		expect(layoutPidView({...base, height: 19, rows: 5, selected: 5, explanations: 2, socketsLine: true})).toEqual(layoutPidView({...base, height: 19, rows: 5, selected: 5, explanations: 2}));
	});

	it('keeps every part within the height, and the selected explanation first', () => {
		for (let height = 6; height < 60; height++) {
			for (const rows of [0, 1, 2, 5, 300]) {
				for (const selected of [1, 2, 5]) {
					const explanations = Math.min(rows, 7);
					const layout = layoutPidView({...base, noticeLines: 2, dialogLines: 8, height, rows, selected, explanations, selectedWhole: selected + 4, explanationsWhole: explanations * 2, cmdline: 3, socketsLine: height % 2 === 0});
					const name = `height ${height}, rows ${rows}, selected ${selected}`;
					const used = 1 + layout.factLines + Math.max(0, layout.cmdlineLines - 1) + 2 + 8 + (rows > 0 ? 4 + layout.tableRows : 1) + layout.selectedLines + layout.explainLines;
					if (layout.cmdlineLines > 1) expect(layout.tableRows, name).toBe(rows);
					if (height >= 1 + 2 + 8 + 4 + 1) expect(used, name).toBeLessThanOrEqual(height);
					expect(layout.selectedLines, name).toBeLessThanOrEqual(rows === 0 ? 0 : selected + 4);
					// Past its five lines only when the table shows every row.
					if (layout.selectedLines > selected) expect(layout.tableRows, name).toBe(rows);
					// The others only once the selected one is whole; its second line only once the table has three rows.
					if (layout.explainLines > 0) expect(layout.selectedLines, name).toBeGreaterThanOrEqual(selected);
					if (layout.explainLines > explanations) expect(layout.selectedLines, name).toBe(selected + 4);
					if (layout.selectedLines > 1) expect(layout.tableRows, name).toBeGreaterThanOrEqual(Math.min(rows, 3));
				}
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

	it('gives the lines to spare to the first sentences as their second lines, leaving none blank', () => {
		const other = long.replace('fd 3', 'fd 4');
		// Four sentences wrap to eight lines; six lines: two sentences whole, two cut.
		expect(explanationLines([long, other, long, other], 6, 60)).toEqual([
			'fd 3: sshd listens for TCP connections on port 22 (ssh —',
			'  The Secure Shell (SSH) Protocol) on every IPv4 address',
			'fd 4: sshd listens for TCP connections on port 22 (ssh —',
			'  The Secure Shell (SSH) Protocol) on every IPv4 address',
			'fd 3: sshd listens for TCP connections on port 22 (ssh — Th…',
			'fd 4: sshd listens for TCP connections on port 22 (ssh — Th…',
		]);
	});

	it('lets a sentence longer than two lines take the lines to spare, the first ones first, cut where they run out', () => {
		const other = long.replace('fd 3', 'fd 4');
		// At 40 columns each sentence takes three lines whole; five lines: the first whole, the second cut at two.
		expect(explanationLineCount([long], 40, 10)).toBe(3);
		expect(explanationLines([long, other], 5, 40)).toEqual([
			'fd 3: sshd listens for TCP connections',
			'  on port 22 (ssh — The Secure Shell',
			'  (SSH) Protocol) on every IPv4 address',
			'fd 4: sshd listens for TCP connections',
			'  on port 22 (ssh — The Secure Shell (S…',
		]);
		expect(explanationLines([long, other], 6, 40)).toHaveLength(6);
		expect(explanationLines([long, other], 9, 40)).toHaveLength(6);
	});

	it('counts the other sentences\' lines only until past what the layout asks, reading no further (20,000 fds, one key)', () => {
		const sentences = Array.from({length: 20_000}, (_, index) => (index % 3 === 0 ? null : long.replace('fd 3', `fd ${index}`)));
		let read = 0;
		// Counts the sentences read: a key press must not wrap every one of a big process's.
		const counted = new Proxy(sentences, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) read++;
				return Reflect.get(target, key, receiver) as unknown;
			},
		});
		// Nulls and the skipped (selected) one take no line; the rest two each at 60 columns.
		expect(explanationLineCount(sentences.slice(0, 7), 60, 2, {skip: 1})).toBe(2 * 3);
		expect(explanationLineCount(counted, 60, 2, {skip: 1, enough: 30})).toBe(32);
		expect(read).toBeLessThan(60);
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
	it('never splits a character of two UTF-16 units where a wide one does not fit the line\'s last column', () => {
		const lines = wrapText(`match "${'😀'.repeat(200)}"`, 80, 10);
		expect(lines.length).toBeGreaterThan(2);
		for (const line of lines) expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
		expect(lines.join('').replaceAll(' ', '')).toContain('😀'.repeat(100));
	});

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

