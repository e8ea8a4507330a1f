import {describe, expect, it} from 'vitest';
import {fitCell} from '../../source/components/pid-fd-table.js';

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
});
