import {EventEmitter} from 'node:events';
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runLive, type LiveIo} from '../source/app.js';
import {defaultFilters, type Options} from '../source/options.js';
import {createStaticServiceTable} from '../source/services/table.js';
import {ENTER_SCREEN, LEAVE_SCREEN} from '../source/terminal.js';
import {Screen} from './frame-screen.js';
import {testOptions} from './helpers/options.js';
import {waitFor as waitForCheck} from './helpers/wait.js';
import {FakeStdin, FakeStdout, ScriptedCollector, baseSockets, snapshotOf, socket, tick} from './components/live-fixtures.js';

/** The terminal's rows after the app's output; private modes (alternate screen, cursor) do not change the text. */
const screenLines = (output: string) => new Screen(30, 100).write(output.replaceAll(/\u001B\[\?[\d;]*[hl]/g, '')).lines();

const options = testOptions({interval: 0.05, once: false, ephemeral: [32_768, 60_999]});

function fakeIo() {
	const stdout = new FakeStdout(100, 30);
	const stdin = new FakeStdin();
	const events = new EventEmitter();
	const errors: string[] = [];
	const io: LiveIo = {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: {write: (text: string) => errors.push(text) > 0},
		events,
		env: {},
		services: createStaticServiceTable([]),
	};
	const output = () => stdout.frames.join('');
	// The live view always styles (bold labels, inverse selection): text is matched without the SGR codes.
	const plain = (text: string) => text.replaceAll(/\u001B\[[\d;]*m/g, '');
	const waitFor = async (text: string) => {
		for (let attempt = 0; attempt < 200 && !plain(output()).includes(text); attempt++) {
			// eslint-disable-next-line no-await-in-loop
			await tick(10);
		}

		expect(plain(output())).toContain(text);
	};

	// The screen as the terminal shows it: rows are rewritten in place, cell by cell.
	const screenWith = async (text: string) => {
		for (let attempt = 0; attempt < 200 && !screenLines(output()).some(line => line.includes(text)); attempt++) {
			// eslint-disable-next-line no-await-in-loop
			await tick(10);
		}

		expect(screenLines(output()).join('\n')).toContain(text);
	};

	return {io, stdin, events, errors, output, plain, waitFor, screenWith};
}

describe('runLive', () => {
	it('draws in the alternate screen and q resolves 0 with the screen restored', async () => {
		const {io, stdin, output, waitFor} = fakeIo();
		const done = runLive(options, new ScriptedCollector(snapshotOf(baseSockets)), io);
		await waitFor('sshd');
		expect(output().startsWith(ENTER_SCREEN)).toBe(true);
		// Rows are written at absolute positions, never with a newline that could scroll.
		expect(output()).toContain('\u001B[4;1H');
		stdin.write('q');
		expect(await done).toBe(0);
		expect(output().endsWith(LEAVE_SCREEN)).toBe(true);
	});

	it.each([
		['SIGTERM', 143],
		['SIGINT', 130],
		['SIGHUP', 129],
	] as const)('%s resolves %i with the screen restored and its handlers removed', async (signal, code) => {
		const {io, events, output, waitFor} = fakeIo();
		const done = runLive(options, new ScriptedCollector(snapshotOf(baseSockets)), io);
		await waitFor('sshd');
		events.emit(signal);
		expect(await done).toBe(code);
		expect(output().endsWith(LEAVE_SCREEN)).toBe(true);
		expect(events.listenerCount(signal)).toBe(0);
	});

	it('a crash resolves 1, restores the screen first, then says what broke', async () => {
		const {io, events, errors, output, waitFor} = fakeIo();
		const done = runLive(options, new ScriptedCollector(snapshotOf(baseSockets)), io);
		await waitFor('sshd');
		events.emit('uncaughtException', new Error('collector exploded'));
		expect(await done).toBe(1);
		expect(output().endsWith(LEAVE_SCREEN)).toBe(true);
		expect(errors).toEqual(['socktop: internal error: collector exploded (SOCKTOP_DEBUG=1 shows the stack)\n']);
	});

	/** The live view, its `/` prompt open. */
	async function promptOpen() {
		const fake = fakeIo();
		const done = runLive(options, new ScriptedCollector(snapshotOf(baseSockets)), fake.io);
		await fake.screenWith('sshd');
		fake.stdin.write('/');
		await fake.screenWith('Filter: ');
		return {...fake, done};
	}

	it('takes a bracketed paste into the filter prompt as text: "ssh", Enter and q pasted neither submit nor quit', async () => {
		const {stdin, output, screenWith, done} = await promptOpen();
		expect(output()).toContain('\u001B[?2004h');
		stdin.write('\u001B[200~ssh\rq\u001B[201~');
		await screenWith('Filter: ssh');
		// Still in the prompt: typing goes on, Enter keeps the filter.
		stdin.write('d');
		await screenWith('Filter: sshd');
		stdin.write('\r');
		await screenWith('Filter "sshd"');
		// Pasted at the table, text is no keys: neither this q nor the space acts.
		stdin.write('\u001B[200~ q\u001B[201~');
		await tick(100);
		expect(screenLines(output()).join('\n')).not.toContain('PAUSED');
		stdin.write('q');
		expect(await done).toBe(0);
		expect(output().endsWith(LEAVE_SCREEN)).toBe(true);
	});

	// A read can end mid-marker (over SSH, or in a big paste): the paste still ends, or still is one.
	it('ends a paste whose end marker is split across reads: Enter, then q, act again', async () => {
		const {stdin, output, screenWith, done} = await promptOpen();
		stdin.write('\u001B[200~ssh\u001B[20');
		stdin.write('1~');
		await screenWith('Filter: ssh');
		stdin.write('\r');
		await screenWith('Filter "ssh"');
		stdin.write('q');
		expect(await done).toBe(0);
		expect(output().endsWith(LEAVE_SCREEN)).toBe(true);
	});

	it('takes a paste whose start marker is split across reads as text: its Enter and q neither submit nor quit', async () => {
		const {stdin, events, output, screenWith, done} = await promptOpen();
		stdin.write('\u001B[20');
		stdin.write('0~ssh\rq\u001B[201~');
		await screenWith('Filter: ssh');
		// Still there (a negative check): a submitted filter or a quit would show within these 100 ms.
		await tick(100);
		expect(screenLines(output()).join('\n')).toContain('Filter: ssh');
		events.emit('SIGTERM');
		expect(await done).toBe(143);
	});

	it('lets go of what it holds once no more comes: a lone Escape closes the prompt, a paste left open ends', async () => {
		const {stdin, output, screenWith, done} = await promptOpen();
		stdin.write('\u001B[200~ssh');
		await screenWith('Filter: ssh');
		stdin.write('\u001B');
		for (let attempt = 0; attempt < 100 && screenLines(output()).some(line => line.includes('Filter: ')); attempt++) {
			// eslint-disable-next-line no-await-in-loop
			await tick(10);
		}

		expect(screenLines(output()).join('\n')).not.toContain('Filter: ');
		stdin.write('q');
		expect(await done).toBe(0);
	});

	// A slow link or SSH can split one key's escape sequence across reads: ESC, then the rest 10 ms later.
	// Were ESC taken alone, it would close the prompt (as it leaves the PID view) and the rest be typed in.
	it.each([
		['Down', '\u001B', '[B'],
		['Down (application mode)', '\u001B', 'OB'],
		['Down (application mode, split later)', '\u001BO', 'B'],
		['PgDn', '\u001B[6', '~'],
		['Ctrl-Down', '\u001B[1;5', 'B'],
	])('joins %s split across two reads into one key: the prompt stays open and takes no text', async (_name, first, second) => {
		const {stdin, events, output, done} = await promptOpen();
		stdin.write(first);
		await tick(10);
		stdin.write(second);
		// The prompt unchanged (a negative check): the rest typed as text would show within these 150 ms.
		await tick(150);
		const screen = screenLines(output()).join('\n');
		expect(screen).toMatch(/Filter: {4}Enter keep/);
		events.emit('SIGTERM');
		expect(await done).toBe(143);
	});

	it('redraws everything on a clean screen after a resize', async () => {
		const {io, output, plain, waitFor, events} = fakeIo();
		const done = runLive(options, new ScriptedCollector(snapshotOf(baseSockets)), io);
		await waitFor('sshd');
		const before = output().length;
		const stdout = io.stdout as unknown as FakeStdout;
		stdout.columns = 80;
		stdout.rows = 24;
		stdout.emit('resize');
		await waitForCheck(() => {
			const after = output().slice(before);
			expect(after).toContain('\u001B[H\u001B[2J');
			expect(plain(after)).toContain('Sockets 6 (');
		});
		events.emit('SIGTERM');
		await done;
	});

	it('refuses with a UserError when stdin is not a terminal and there is no terminal to open', async () => {
		const {io} = fakeIo();
		(io.stdin as unknown as FakeStdin).isTTY = false;
		await expect(runLive(options, new ScriptedCollector(snapshotOf(baseSockets)), {...io, openTerminal: () => null})).rejects.toThrow(
			/stdin is not one and there is no \/dev\/tty/,
		);
	});

	it('reads keys from the terminal it opens when stdin is a pipe, and closes it at the end', async () => {
		const {io, stdin, waitFor} = fakeIo();
		const pipe = new FakeStdin();
		pipe.isTTY = false;
		let isClosed = false;
		const terminal = Object.assign(stdin, {destroy: () => {
			isClosed = true;
		}});
		const done = runLive(options, new ScriptedCollector(snapshotOf(baseSockets)), {...io, stdin: pipe as unknown as NodeJS.ReadStream, openTerminal: () => terminal as unknown as NodeJS.ReadStream});
		await waitFor('sshd');
		terminal.write('q');
		expect(await done).toBe(0);
		expect(isClosed).toBe(true);
	});

	it.each([
		// Without root an unset --netns shows socktop's own namespace: no filter the user set, said beside the count.
		[false, '', 'Filter none   netns host   showing 6 of 6'],
		[false, 'host', 'Filter none   netns host   showing 6 of 6'],
		[true, '', 'Filter none   showing 6 of 6'],
		[false, 'all', 'Filter none   showing 6 of 6'],
		[true, 'blue', 'Filter netns blue   showing 0 of 6'],
		[true, 'host', 'Filter netns host   showing 6 of 6'],
		[false, 'blue', 'Filter netns blue   showing 0 of 6'],
	] as const)('root %s with --netns %j shows %s', async (isRoot, netns, filter) => {
		const {io, events, output} = fakeIo();
		const done = runLive({...options, filters: {...defaultFilters, netns}}, new ScriptedCollector(snapshotOf(baseSockets)), {...io, isRoot});
		// The header's third line as the screen shows it: the frame writer sends only the cells that changed.
		const third = () => screenLines(output())[2] ?? '';
		for (let attempt = 0; attempt < 500 && !third().includes('showing'); attempt++) {
			// eslint-disable-next-line no-await-in-loop
			await tick(10);
		}

		expect(third().trimEnd()).toBe(`Sort COMMAND asc   ${filter}`);
		events.emit('SIGTERM');
		await done;
	});

	it("explains an import's ports without this machine's ephemeral range", async () => {
		// Ports either side of this kernel's range: inside it, 'beta' would be the client's end.
		const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number) as [number, number];
		const server = high + 1;
		const client = low + 1;
		const services = createStaticServiceTable([
			{name: 'alpha', port: server, protocol: 'tcp', aliases: [], comment: null, source: 'services'},
			{name: 'beta', port: client, protocol: 'tcp', aliases: [], comment: null, source: 'services'},
		]);
		const connection = socket({proto: 'tcp4', inode: 0, localAddress: '10.0.0.2', localPort: server, foreignAddress: '10.0.0.3', foreignPort: client, state: 'ESTABLISHED', command: 'relay', pid: 700, fd: 5});
		// The relay's row as the terminal shows it: the frame writer sends only the cells that changed.
		const shown = async (extra: Partial<Options>) => {
			const {io, events, output} = fakeIo();
			const done = runLive({...options, ephemeral: null, ...extra}, new ScriptedCollector(snapshotOf([connection])), {...io, services});
			let row = '';
			for (let attempt = 0; attempt < 500; attempt++) {
				row = screenLines(output()).find(line => line.includes('relay')) ?? '';
				// The SERVICE cell fills in once the table has loaded, after the first frame.
				if (/ESTABLISHED +\S/.test(row)) {
					break;
				}

				// eslint-disable-next-line no-await-in-loop
				await tick(10);
			}

			events.emit('SIGTERM');
			await done;
			return row;
		};

		// Live, the range says the foreign end is the client: the service is the local port's.
		expect(await shown({})).toMatch(/ESTABLISHED +alpha/);
		// Imported from elsewhere, without --ephemeral: the lower port is the server's.
		expect(await shown({importFile: 'capture.txt', backend: 'import'})).toMatch(/ESTABLISHED +beta/);
	});
});
