import {describe, expect, it} from 'vitest';
import {layoutColumns, fitCell} from '../../source/components/pid-fd-table.js';
import type {FdRow} from '../../source/model/pid-rows.js';

/** Padding and rules around 5 columns: what layoutColumns leaves out of `width`. */
const OVERHEAD = 5 * 2 + 5 + 1;
const row = (fields: Partial<FdRow> = {}): FdRow => ({fd: '3', type: 'chr dev', target: '/dev/null', foreign: '', state: '', recvQ: '', sendQ: '', ...fields});
const total = (widths: readonly number[]) => widths.reduce((sum, each) => sum + each, 0) + OVERHEAD;

describe('layoutColumns (PID view FD table)', () => {
	it('shows a whole heading over an empty column when the screen has room', () => {
		// python -m http.server: no fd has a peer, so no FOREIGN / PEER cell is wider than 6.
		const rows = [row(), row({fd: '3', type: 'tcp4', target: '127.0.0.1:8000', foreign: '*:*', state: 'LISTEN'})];
		const widths = layoutColumns(rows, 100);
		expect(widths[3]).toBe('FOREIGN / PEER'.length);
		expect(total(widths)).toBeLessThanOrEqual(100);
	});

	it('never gives a heading room a cell needs', () => {
		const path = '/var/lib/postgresql/15/main/base/16384/2619_fsm';
		const rows = [row({target: path})];
		const roomy = layoutColumns(rows, 120);
		expect(roomy[2]).toBe(path.length);
		// 60 columns: the path is cut to what is left after the other columns' cells, and the empty
		// FOREIGN / PEER column stays at its minimum rather than growing to its heading.
		const narrow = layoutColumns(rows, 60);
		expect(total(narrow)).toBeLessThanOrEqual(60);
		expect(narrow[3]).toBe(6);
		expect(narrow[2]).toBe(60 - OVERHEAD - narrow[0]! - narrow[1]! - narrow[3]! - narrow[4]!);
	});

	it('fits 40 columns with fd numbers of four and five digits, the widest fd shown whole', () => {
		for (const fd of ['4999', '19999']) {
			const rows = [row(), row({fd, type: 'unix stream', target: '/run/systemd/journal/stdout', foreign: '→ systemd-journal[300] fd 44', state: 'ESTABLISHED'})];
			for (const width of [40, 41, 44]) {
				const widths = layoutColumns(rows, width);
				expect(total(widths), `${fd} at ${width}`).toBeLessThanOrEqual(width);
				expect(widths[0]).toBe(fd.length);
				expect(Math.min(...widths)).toBeGreaterThanOrEqual(3);
			}
		}
	});

	it('measures 200,000 rows (a proxy holding that many connections) without running out of stack', () => {
		const rows = Array.from({length: 200_000}, (_, index) => row({fd: String(index), type: 'tcp4', target: `10.0.0.1:${index % 65_536}`}));
		expect(layoutColumns(rows, 120)[0]).toBe(6);
	});
});

describe('fitCell', () => {
	it('keeps an address\'s port and a path\'s file name when it cuts', () => {
		expect(fitCell('target', '[::ffff:127.0.0.1]:58950', 12)).toBe('….0.1]:58950');
		expect(fitCell('target', '/tmp/bash_jobs.0/6512/stdout', 12)).toBe('…6512/stdout');
		expect(fitCell('target', '*:8799', 12)).toBe('*:8799      ');
	});

	it('cuts an inet host in the middle, as the socket table does, so both its ends stay readable', () => {
		expect(fitCell('target', '127.0.0.1:32938', 13)).toBe('127.0…1:32938');
		expect(fitCell('foreign', '192.168.100.200:443 → fd 7 (same process)', 13)).toBe('192.1…200:443');
	});

	it('in FOREIGN / PEER keeps the foreign port first, then as much of the peer note as fits', () => {
		expect(fitCell('foreign', '127.0.0.1:8799 → fd 7 (same process)', 20)).toBe('127.0.0.1:8799 → fd…');
		expect(fitCell('foreign', '[::ffff:127.0.0.1]:8799 → fd 5 (same process)', 12)).toBe('…0.0.1]:8799');
		expect(fitCell('foreign', '→ bash[6084] fd 250', 12)).toBe('→ bash[6084]');
		expect(fitCell('foreign', '10.0.0.1:443', 8)).toBe('…0.1:443');
	});

	it('keeps the count of the other end\'s other holders when it cuts a peer note', () => {
		expect(fitCell('foreign', '→ python3[28032] fd 4 (+3 more)', 40, 3)).toBe('→ python3[28032] fd 4 (+3 more)         ');
		expect(fitCell('foreign', '→ python3[28032] fd 4 (+3 more)', 24, 3)).toBe('→ python3[28032] fd 4 +3');
		expect(fitCell('foreign', '→ python3[28032] fd 4 (+3 more)', 16, 3)).toBe('→ pyt…[28032] +3');
		// Where the table keeps 'pyth…[13890]', the view kept no PID: '→ python3… +3'.
		expect(fitCell('foreign', '→ python3[13890] fd 7 (+3 more)', 15, 3)).toBe('→ py…[13890] +3');
		expect(fitCell('foreign', '127.0.0.1:80 → nginx[100] fd 5 (+12 more)', 27, 12)).toBe('127.0.0.1:80 → ng…[100] +12');
		// Too narrow to name anyone beside the count: the note is cut as any other.
		expect(fitCell('foreign', '→ python3[28032] fd 4 (+3 more)', 8, 3)).toBe('→ pytho…');
		// A process named like a count is cut as text: the count comes from the row, not the words.
		expect(fitCell('foreign', '→ x (+9 more)[7] fd 4', 16)).toBe('→ x (+9 more)[7]');
	});

	it('right-aligns FD, cuts TYPE at the end, and spells a STATE too wide for its column short, as the socket table does', () => {
		expect(fitCell('fd', '7', 3)).toBe('  7');
		expect(fitCell('state', 'ESTABLISHED', 6)).toBe('ESTAB ');
		expect(fitCell('state', 'CLOSE_WAIT', 7)).toBe('CLOSE-W');
		expect(fitCell('state', 'ESTABLISHED', 11)).toBe('ESTABLISHED');
		expect(fitCell('type', 'unix seqpacket', 8)).toBe('unix se…');
	});

	it('gives STATE its short width where the cells do not all fit whole, and its whole width where they do', () => {
		const connection = row({fd: '8', type: 'tcp6', target: '[2001:db8::5]:80', foreign: '[2001:db8:85a3::8a2e:370:7334]:51000', state: 'ESTABLISHED'});
		// 80 columns: the client's address would be cut, so STATE is ESTAB (5, its heading's width) and the address gets the rest.
		const narrow = layoutColumns([row(), connection], 80);
		expect(narrow[4]).toBe(5);
		expect(total(narrow)).toBe(80);
		// 120: everything whole, ESTABLISHED too.
		expect(layoutColumns([row(), connection], 120)[4]).toBe('ESTABLISHED'.length);
	});
});
