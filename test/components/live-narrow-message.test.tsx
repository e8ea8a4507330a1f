/** LiveView: Enter's reason on a narrow terminal takes the lines it needs from the table, whole. */
import {describe, expect, it, vi} from 'vitest';
import {displayWidth} from '../../source/format/escape.js';
import {KEYS, ScriptedCollector, liveMounter, snapshotOf, socket} from './live-fixtures.js';
import {selectedLine} from './live-frames.js';

vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

// As the tmux run at 60x20 showed them: python3 listens on 127.0.0.1:9787, one client closed first
// (its FIN_WAIT2 waits for the server's end, in CLOSE_WAIT), the server closed another (TIME_WAIT on 9787).
const listener = socket({proto: 'tcp4', inode: 9001, localAddress: '127.0.0.1', localPort: 9787, state: 'LISTEN', command: 'python3', pid: 26_780, fd: 3});
const closeWait = socket({proto: 'tcp4', inode: 9002, localAddress: '127.0.0.1', localPort: 9787, foreignAddress: '127.0.0.1', foreignPort: 34_340, state: 'CLOSE_WAIT', command: 'python3', pid: 26_780, fd: 5});
const finWait2 = socket({proto: 'tcp4', inode: 0, localAddress: '127.0.0.1', localPort: 34_340, foreignAddress: '127.0.0.1', foreignPort: 9787, state: 'FIN_WAIT2', user: '?', uid: null});
const timeWait = socket({proto: 'tcp4', inode: 0, localAddress: '127.0.0.1', localPort: 9787, foreignAddress: '127.0.0.1', foreignPort: 34_332, state: 'TIME_WAIT', user: '?', uid: null});
const workers = Array.from({length: 30}, (_, index) => socket({proto: 'tcp4', inode: 7000 + index, localAddress: '127.0.0.1', localPort: 20_000 + index, state: 'LISTEN', command: 'worker', pid: 4000 + index, fd: 5}));

const cases = [
	{
		name: 'a TIME_WAIT on a port a listener has',
		sockets: [listener, timeWait],
		reason:
			"No process holds it: TIME_WAIT is the kernel's wait after a close, for late packets to die out: 60 s on Linux, restarted by a FIN the peer re-sends. A server restarted on port 9787 meanwhile gets \"Address already in use\" from bind() unless its new listener and the old one both set SO_REUSEADDR (or both SO_REUSEPORT).",
		selected: ':34332',
	},
	{
		name: 'an orphaned FIN_WAIT2',
		sockets: [listener, closeWait, finWait2],
		reason:
			'No process holds it: the program closed it and the kernel finishes the close (FIN_WAIT2), waiting for python3[26780], whose end is in CLOSE_WAIT, to close. Linux drops an orphaned FIN_WAIT2 after net.ipv4.tcp_fin_timeout (60 s here).',
		selected: ':34340',
	},
];

describe('LiveView: a reason for a row without a process, on a narrow terminal', () => {
	for (const {name, sockets, reason, selected} of cases) {
		for (const [columns, rows] of [[60, 20], [50, 15], [80, 24]] as const) {
			it(`shows the whole reason for ${name} at ${columns}x${rows}: the table gives way, not the header`, async () => {
				// Many rows: the table would fill the screen if it did not give way.
				const {view} = mount({collector: new ScriptedCollector(snapshotOf([...workers, ...sockets])), isRoot: true, isColor: true, columns, rows, finTimeout: 60});
				await view.waitFor(frame => frame.includes('python3'));
				// The row without a command sorts last.
				await view.press('G');
				await view.waitFor(() => selectedLine(view.rawFrame()).includes(selected));
				await view.press(KEYS.enter);
				const frame = await view.waitFor(frame => frame.includes('No process holds it'));
				const lines = frame.split('\n');
				const start = lines.findIndex(line => line.startsWith('No process holds it'));
				expect(lines.slice(start).join(' ')).toBe(reason);
				expect(lines.slice(start).join(' ')).not.toContain('…');
				expect(lines.every(line => displayWidth(line) <= columns)).toBe(true);
				expect(view.rawFrame().split('\n')).toHaveLength(rows - 1);
				// The header's three lines and the column header stay, and the selected row above the reason.
				expect(lines[3]).toMatch(/^(USER\s+)?COMMAND/);
				expect(lines[start - 1]).toContain(selected);
				expect(selectedLine(view.rawFrame())).toContain(selected);
			});
		}
	}
});
