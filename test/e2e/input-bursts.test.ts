import {afterAll, describe, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {startLoad} from '../../bench/load.mjs';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';
import {makeNamespace} from '../stress/helpers.js';

/**
 * Over SSH, keys typed quickly or pasted arrive in one read: '/quit' is one
 * chunk, not five keys. Every key must count, in the mode it was typed in:
 * after '/', the rest of the chunk is filter text, never table commands (q
 * quits, k opens the kill dialog, c toggles "connected").
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`input-bursts: skipped, needs Linux, tmux and a build at ${cliPath}`);
}

vi.setConfig({testTimeout: 60_000});

const panes: TmuxPane[] = [];
afterAll(() => {
	for (const pane of panes) {
		pane.kill();
	}
});

/** socktop in a 120x30 pane, once it draws and reads keys. */
async function live(): Promise<TmuxPane> {
	const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5 -u; echo "EXIT""ED"; sleep 600`, 120, 30);
	panes.push(pane);
	await pane.waitFor(screen => /\bPROTO\b/.test(screen) && pane.isRawMode, 30_000);
	return pane;
}

const headerFilters = (screen: string) => screen.split('\n').find(line => line.startsWith('Sort ')) ?? '';

describe.skipIf(!canRun)('keys arriving in one chunk', () => {
	it('each toggles: "lc" turns on listening and connected', async () => {
		const pane = await live();
		pane.type('lc');
		const screen = await pane.waitFor(text => /listening connected/.test(headerFilters(text)));
		expect(headerFilters(screen)).toMatch(/Filter listening connected unix/);
	});

	it('"ll" in one send-keys turns listening on and off again, and the footer says off', async () => {
		const pane = await live();
		// One send-keys, one write: the footer once named the state before the second l.
		pane.keys('ll');
		const screen = await pane.waitFor(text => text.includes('l: filter off: listening sockets'));
		expect(headerFilters(screen)).toMatch(/Filter unix\b/);
		expect(headerFilters(screen)).not.toMatch(/listening/);
		expect(screen).not.toContain('l: filter on');
	});

	it.each(['/abc', '/quit', '/kill'])('after "/", the rest of %j is filter text, not commands', async chunk => {
		const pane = await live();
		pane.type(chunk);
		const text = chunk.slice(1);
		const screen = await pane.waitFor(current => current.includes(`Filter: ${text}`) || current.includes('EXITED'));
		expect(screen).not.toContain('EXITED');
		expect(screen).toContain(`Filter: ${text}`);
		expect(headerFilters(screen)).not.toMatch(/connected|listening/);
		expect(screen).not.toMatch(/Send a signal/);
	});

	it('after "?", the rest of the chunk goes to the help: "?x" closes it, "?qq" closes it and quits', async () => {
		const pane = await live();
		pane.type('?x');
		// Closed again: the table's footer, not the help's title.
		await sleep(500);
		let screen = await pane.waitFor(text => /\bq quit\b/.test(text) && !text.includes('socktop keys'));
		expect(screen).not.toContain('EXITED');
		pane.type('?qq');
		screen = await pane.waitFor(text => text.includes('EXITED'));
		expect(screen).toContain('EXITED');
	});

	it('Escape and q in one read (tmux send-keys Escape q) are Escape, then q: the filter is cleared, then socktop quits', async () => {
		const pane = await live();
		pane.type('/zzz');
		pane.keys('Enter');
		await pane.waitFor(text => headerFilters(text).includes('"zzz"') && /\bq quit\b/.test(text));
		// One send-keys, one write: ESC q, which Ink alone reads as Meta+q.
		pane.keys('Escape', 'q');
		expect(await pane.waitFor(text => text.includes('EXITED'))).toContain('EXITED');
	});

	it('Escape and / in one read (tmux send-keys Escape /) are Escape, then /: the filter is cleared, then a new one is typed', async () => {
		const pane = await live();
		pane.type('/zzz');
		pane.keys('Enter');
		await pane.waitFor(text => headerFilters(text).includes('"zzz"') && /\bq quit\b/.test(text));
		// ESC /, which Ink alone reads as a bare / (its Escape dropped): the prompt would open on "zzz".
		pane.keys('Escape', '/');
		pane.type('yy');
		const screen = await pane.waitFor(text => text.includes('Filter: ') && headerFilters(text).includes('yy'));
		expect(screen).toContain('Filter: yy');
		expect(screen).not.toContain('zzz');
	});

	it('Escape twice in one read (tmux send-keys Escape Escape) is two Escapes: the PID view\'s prompt closes, then the view', async () => {
		// The quotes keep the marker out of the shell's command line, which the PID view shows.
		const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5 --pid $$; echo "EXIT""ED"; sleep 600`, 120, 30);
		panes.push(pane);
		await pane.waitFor(screen => /\bFD\b/.test(screen) && /\bTYPE\b/.test(screen) && pane.isRawMode, 30_000);
		pane.type('/');
		await pane.waitFor(text => text.includes('Esc clear'));
		// ESC ESC, which Ink alone reads as one key, Meta+Escape: the PID view stayed.
		pane.keys('Escape', 'Escape');
		const screen = await pane.waitFor(text => /\bFOREIGN ADDRESS\b/.test(text) && /\bq quit\b/.test(text));
		expect(screen).not.toContain('EXITED');
	});

	/** socktop whose only row is a listener of this pane's own (never another process's), on `port`. */
	async function ownListener(port: number): Promise<TmuxPane> {
		const listener = `${process.execPath} -e "require('net').createServer().listen(${port}, '127.0.0.1')"`;
		const pane = new TmuxPane(`${listener} & sleep 1; ${process.execPath} ${cliPath} -d 0.5 -4 -l -p ${port}; echo "EXIT""ED"; sleep 600`, 120, 30);
		panes.push(pane);
		await pane.waitFor(screen => new RegExp(`127\\.0\\.0\\.1:${port}`).test(screen) && pane.isRawMode, 30_000);
		return pane;
	}

	it('the keys in the same read as k are the kill dialog\'s: k 3 chooses SIGHUP, and Enter asks about it', async () => {
		// Esc answers the question, nothing is sent.
		const pane = await ownListener(20_000 + (process.pid % 10_000));
		pane.keys('k', '3');
		// The menu may be drawn a moment before the 3 is (the dialog takes the keys once it listens).
		const menu = await pane.waitFor(text => /> 3 SIGHUP|Not sending:/.test(text));
		expect(menu).toMatch(/> 3 SIGHUP/);
		pane.keys('Enter');
		const screen = await pane.waitFor(text => /Send SIGHUP to PID \d+/.test(text));
		pane.keys('Escape');
		expect(screen).toMatch(/Send SIGHUP to PID \d+ \(node\)\? y\/N/);
		await pane.waitFor(text => text.includes('Cancelled: no signal sent.'));
	});

	it('k, Enter, n and l in one read are taken in order: the question is cancelled, then l turns listening off', async () => {
		const port = 20_000 + ((process.pid + 1) % 10_000);
		const pane = await ownListener(port);
		// Was: Enter and n typed ahead of the dialog reached its question, which dropped n and l and stayed open.
		pane.keys('k', 'Enter', 'n', 'l');
		const screen = await pane.waitFor(text => text.includes('l: filter off: listening sockets'));
		expect(screen).not.toMatch(/y\/N/);
		expect(headerFilters(screen)).not.toMatch(/listening/);
		// Nothing was sent: the listener is still there.
		expect(screen).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
	});

	it('a key Ink has no name for (Ctrl+F1..F4) is ignored, not a crash', async () => {
		const pane = await live();
		// xterm's and tmux's Ctrl+F1..F4, one read each, then l to show socktop still reads keys.
		for (const sequence of ['\u001B[1;5P', '\u001B[1;5Q', '\u001B[1;5R', '\u001B[1;5S']) pane.type(sequence);
		pane.keys('C-F1');
		pane.type('l');
		const screen = await pane.waitFor(text => /Filter listening/.test(headerFilters(text)) || text.includes('EXITED'));
		expect(screen).not.toContain('EXITED');
		expect(screen).not.toContain('internal error');
	});

	it('a capture piped in opens the live view, with keys read from the terminal', async () => {
		const pane = new TmuxPane(`ss -tunap | ${process.execPath} ${cliPath} --import -; echo "EXIT""ED=$?"; sleep 600`, 100, 24);
		panes.push(pane);
		const screen = await pane.waitFor(text => /^stdin .*a capture, not refreshed/.test(text) || text.includes('EXITED'), 20_000);
		expect(screen).toMatch(/^stdin {2}\d\d:\d\d:\d\d {2}a capture, not refreshed/);
		pane.type('q');
		expect(await pane.waitFor(text => text.includes('EXITED='))).toContain('EXITED=0');
	});

	it('keys typed the moment the prompt appears are kept', async () => {
		const pane = await live();
		pane.type('/');
		await pane.waitFor(text => text.includes('Filter: '));
		pane.type('xyz');
		const screen = await pane.waitFor(text => text.includes('Filter: xyz'));
		expect(screen).toContain('Filter: xyz');
	});

	describe('around the PID view, while 10,000 sockets make each frame slow', () => {
		// 10,000 sockets (in a namespace of their own) make the frames around the PID view take a while,
		// which is when a key used to reach a handler that was no longer, or not yet, the right one.
		let namespace: ReturnType<typeof makeNamespace> | undefined;
		let load: Awaited<ReturnType<typeof startLoad>> | undefined;
		afterAll(async () => {
			await load?.stop();
			namespace?.remove();
		});

		const loaded = async () => {
			namespace ??= makeNamespace('bursts');
			load ??= await startLoad({sockets: 10_000, procs: 100, netns: namespace.name});
		};

		it('a key typed right after leaving the PID view counts: Backspace, then q 30 ms later, quits', async () => {
			await loaded();
			// The quotes keep the marker out of the shell's command line, which the PID view shows.
			const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5 --pid $$; echo "EXIT""ED=$?"; sleep 600`, 120, 30);
			panes.push(pane);
			await pane.waitFor(screen => /\bFD\b/.test(screen) && /\bTYPE\b/.test(screen) && pane.isRawMode, 30_000);
			await sleep(300);
			pane.keys('BSpace');
			await sleep(30);
			pane.keys('q');
			const screen = await pane.waitFor(text => text.includes('EXITED='));
			expect(screen).toContain('EXITED=0');
		});

		it('keys typed with Enter go to the PID view: Enter and q in one read are back at the table', async () => {
			await loaded();
			const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5; echo "EXIT""ED=$?"; sleep 600`, 120, 30);
			panes.push(pane);
			await pane.waitFor(screen => /\bESTAB(LISHED)?\b/.test(screen) && pane.isRawMode, 30_000);
			await sleep(300);
			// One send-keys: one read, as a fast typist's keys arrive over SSH.
			pane.keys('Enter', 'q');
			// Back at the table (its footer), still running.
			await sleep(1500);
			const screen = await pane.waitFor(text => /\bq quit\b/.test(text) && /\bFOREIGN ADDRESS\b/.test(text));
			expect(screen).not.toContain('EXITED=');
			pane.keys('q');
			expect(await pane.waitFor(text => text.includes('EXITED='))).toContain('EXITED=0');
		});
	});
});
