/** LiveView Enter: the PID view of the selected row, or why a row without a process has none. */
import {displayWidth} from '../../source/format/escape.js';
import {describe, expect, it, vi} from 'vitest';
import {KEYS, ScriptedCollector, hidden, snapshotOf, socket, tick, liveMounter} from './live-fixtures.js';
import {isLoaded, selectedLine} from './live-frames.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

describe('LiveView: Enter opens the PID view', () => {
	it('Enter opens the PID view of the selected socket and Esc returns with the selection intact', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.includes('PID 1204'));
		// The PID view listens for keys from its first effect on.
		await tick(50);
		await view.press(KEYS.escape);
		await view.waitFor(isLoaded);
		expect(selectedLine(view.rawFrame())).toContain('nginx');
	});

	it('keys typed right after Enter, before the PID view is drawn, go to the PID view: Enter then q comes back to the table', async () => {
		const codes: number[] = [];
		const {view} = mount({isColor: true, onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
		// Two reads with no render between them, as a fast typist over SSH sends them.
		view.write(KEYS.enter);
		view.write('q');
		// A negative check: a quit would be told within these 100 ms.
		await tick(100);
		expect(codes).toEqual([]);
		await view.waitFor(isLoaded);
		expect(selectedLine(view.rawFrame())).toContain('nginx');
		// In one read, too.
		await view.press(`${KEYS.enter}q`);
		// A negative check, as above.
		await tick(100);
		expect(codes).toEqual([]);
		await view.waitFor(isLoaded);
	});

	it('--pid opens the PID view first', async () => {
		const {view} = mount({pidView: 640});
		await view.waitFor(frame => frame.includes('PID 640'));
	});

	it('q quits the PID view socktop started on (--pid N), as top\'s q does; its ? says so', async () => {
		const codes: number[] = [];
		const {view} = mount({pidView: 640, onExit: code => codes.push(code)});
		await view.waitFor(frame => frame.includes('PID 640'));
		await tick(50);
		await view.press('?');
		const help = await view.waitFor(frame => frame.includes('PID 640: keys'));
		expect(help).toMatch(/ {2}Esc {6}back to the PID view before, or the table \(Backspace too\)$/m);
		expect(help).toMatch(/^\s*q F10\s+quit$/m);
		await view.press('x');
		await view.waitFor(frame => !frame.includes('PID 640: keys'));
		await tick(50);
		await view.press('q');
		await vi.waitFor(() => {
			expect(codes).toEqual([0]);
		});
	});

	it('Esc leaves the PID view socktop started on for the table, where a PID view opened with Enter goes back on q', async () => {
		const codes: number[] = [];
		const {view} = mount({pidView: 640, onExit: code => codes.push(code)});
		await view.waitFor(frame => frame.includes('PID 640'));
		await tick(50);
		await view.press(KEYS.escape);
		await view.waitFor(isLoaded);
		await tick(50);
		await view.press(KEYS.enter);
		await view.waitFor(frame => /^ PID \d+/.test(frame));
		await tick(50);
		await view.press('?');
		const help = await view.waitFor(frame => /PID \d+: keys/.test(frame));
		expect(help).toMatch(/ {2}Esc q {4}back to the PID view before, or the table \(Backspace, F10 too\)$/m);
		expect(help).not.toMatch(/^\s*q F10\s+quit$/m);
		await view.press('x');
		await view.waitFor(frame => !/PID \d+: keys/.test(frame));
		await tick(50);
		await view.press('q');
		await view.waitFor(isLoaded);
		expect(codes).toEqual([]);
	});
});

describe('LiveView: a row no process holds', () => {
	it('says why Enter cannot open a TIME_WAIT socket: no process holds one', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([hidden]))});
		await view.waitFor(frame => frame.includes('TIME_WAIT'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('No process holds it'));
		// Whole, wrapped over the footer's lines (a client's port of the ephemeral range: no word of bind()).
		expect(frame.split('\n').slice(-2).join(' ')).toBe("No process holds it: TIME_WAIT is the kernel's wait after a close, for late packets to die out: 60 s on Linux, restarted by a FIN the peer re-sends.");
	});

	it('says whether root would show the holder of a socket with no process', async () => {
		const listener = socket({proto: 'tcp4', inode: 9001, localAddress: '*', localPort: 5432, foreignAddress: '*', foreignPort: null, state: 'LISTEN', user: 'postgres', uid: 114, command: null, pid: null, fd: null});
		for (const [isRoot, expected] of [
			[false, 'Held by a process of postgres that socktop cannot read: run as root to see it.'],
			[true, 'No process here holds it: a kernel socket, or one held outside this PID namespace.'],
		] as const) {
			const {view} = mount({collector: new ScriptedCollector(snapshotOf([listener])), isRoot});
			await view.waitFor(frame => frame.includes('5432'));
			await view.press('k');
			const frame = await view.waitFor(frame => frame.includes(expected.slice(0, 20)));
			expect(frame.split('\n').at(-1)).toBe(expected);
			view.unmount();
		}
	});

	it('says a connection with no process waits in the accept queue of the listener on its port, naming the listener\'s process', async () => {
		const listener = socket({proto: 'tcp4', inode: 9001, localAddress: '*', localPort: 5432, foreignAddress: '*', foreignPort: null, state: 'LISTEN', user: 'postgres', uid: 114, command: 'postgres', pid: 548, fd: 5});
		const queued = socket({proto: 'tcp4', inode: 0, localAddress: '10.0.0.2', localPort: 5432, foreignAddress: '10.0.0.9', foreignPort: 50_000, state: 'ESTABLISHED', user: '?', uid: null, command: null, pid: null, fd: null});
		// -c hides the listener's row: it is found among the snapshot's sockets, not the rows on screen.
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([queued, listener])), isRoot: true, columns: 240, filters: {connected: true}});
		await view.waitFor(frame => frame.includes('50000'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('accept queue'));
		expect(frame.split('\n').slice(-2).join(' ')).toBe(
			"No process holds it yet: it waits in the accept queue until postgres (PID 548), listening on port 5432, calls accept() for it. The listener's PID view says how many wait (Recv-Q) of its backlog (Send-Q): a queue that stays full (backlog+1 on Linux) means the server is not keeping up.",
		);
	});

	it('wraps a long reason over the four lines it needs at 80x24, taking them from the table, the selected row still on screen', async () => {
		const workers = Array.from({length: 20}, (_, index) => socket({proto: 'tcp4', inode: 7000 + index, localAddress: '127.0.0.1', localPort: 20_000 + index, state: 'LISTEN', command: 'worker', pid: 4000 + index, fd: 5}));
		const listener = socket({proto: 'tcp4', inode: 9001, localAddress: '*', localPort: 18_083, foreignAddress: '*', foreignPort: null, state: 'LISTEN', user: 'alice', uid: 1000, command: 'python3', pid: 25_447, fd: 3});
		const queued = socket({proto: 'tcp4', inode: 0, localAddress: '127.0.0.1', localPort: 18_083, foreignAddress: '127.0.0.1', foreignPort: 50_000, state: 'ESTABLISHED', user: '?', uid: null, command: null, pid: null, fd: null});
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([...workers, listener, queued])), isRoot: true, isColor: true, columns: 80, rows: 24});
		await view.waitFor(frame => frame.includes('python3'));
		// The last row (no command sorts last), at the bottom of the body.
		await view.press('G');
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('50000'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('accept queue'));
		const lines = frame.split('\n');
		expect(view.rawFrame().split('\n')).toHaveLength(23);
		expect(lines.slice(-4)).toEqual([
			'No process holds it yet: it waits in the accept queue until python3 (PID',
			"25447), listening on port 18083, calls accept() for it. The listener's PID",
			'view says how many wait (Recv-Q) of its backlog (Send-Q): a queue that stays',
			'full (backlog+1 on Linux) means the server is not keeping up.',
		]);
		expect(lines.every(line => displayWidth(line) <= 80)).toBe(true);
		// The body gave up three rows and scrolled: the selection is still its last one.
		expect(selectedLine(view.rawFrame())).toContain('127.0.0.1:50000');
		expect(lines.at(-5)).toContain('127.0.0.1:50000');
		expect(lines[0]).toMatch(/^web1/);
		// Any key clears the message and gives the rows back.
		await view.press('j');
		const after = await view.waitFor(frame => !frame.includes('accept queue'));
		expect(after.split('\n').at(-1)).toContain('q quit');
		expect(view.rawFrame().split('\n')).toHaveLength(23);
	});

	it('cuts a message only where the table has no more rows to give, keeping the selected row on the smallest screen', async () => {
		const listener = socket({proto: 'tcp4', inode: 9001, localAddress: '*', localPort: 18_083, foreignAddress: '*', foreignPort: null, state: 'LISTEN', command: 'python3', pid: 25_447, fd: 3});
		const queued = socket({proto: 'tcp4', inode: 0, localAddress: '127.0.0.1', localPort: 18_083, foreignAddress: '127.0.0.1', foreignPort: 50_000, state: 'CLOSE_WAIT', user: '?', uid: null, command: null, pid: null, fd: null});
		const whole = [
			'No process holds it yet: it waits in',
			'the accept queue until python3 (PID',
			'25447), listening on port 18083, calls',
			'accept() for it (the client has',
			"already closed its end). The",
			"listener's PID view says how many wait",
			'(Recv-Q) of its backlog (Send-Q): a',
			'queue that stays full (backlog+1 on',
			'Linux) means the server is not keeping',
			'up.',
		];
		// At 40x10 the body has four rows: three go to the message, one (the selected) stays.
		const cut = [...whole.slice(0, 3), 'accept() for it (the client has already…'];
		for (const [columns, rows, expected] of [[40, 24, whole], [40, 10, cut]] as const) {
			const {view} = mount({collector: new ScriptedCollector(snapshotOf([listener, queued])), isRoot: true, isColor: true, columns, rows});
			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(frame => frame.includes('python3'));
			// eslint-disable-next-line no-await-in-loop
			await view.press('G');
			// eslint-disable-next-line no-await-in-loop
			await view.press(KEYS.enter);
			// eslint-disable-next-line no-await-in-loop
			const frame = await view.waitFor(frame => frame.includes('accept queue'));
			expect(frame.split('\n').slice(-expected.length)).toEqual(expected);
			expect(view.rawFrame().split('\n')).toHaveLength(rows - 1);
			expect(selectedLine(view.rawFrame())).toContain(':50000');
			view.unmount();
		}
	});

	it('does not say so for a capture whose sockets have no inode numbers (ss -tan): only inode 0 tells a queued connection', async () => {
		const listener = socket({proto: 'tcp4', inode: null, localAddress: '*', localPort: 22, foreignAddress: '*', foreignPort: null, state: 'LISTEN', command: 'sshd', pid: 900, fd: 3});
		const session = socket({proto: 'tcp4', inode: null, localAddress: '10.0.0.2', localPort: 22, foreignAddress: '10.0.0.9', foreignPort: 50_000, state: 'ESTABLISHED', user: '?', uid: null, command: null, pid: null, fd: null});
		class Capture extends ScriptedCollector {
			override readonly name = 'import' as never;
		}

		const {view} = mount({collector: new Capture(snapshotOf([session, listener])), columns: 240, filters: {connected: true}});
		await view.waitFor(frame => frame.includes('50000'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('capture names'));
		expect(frame.split('\n').at(-1)).toBe('The capture names no process for this socket.');
	});
});
