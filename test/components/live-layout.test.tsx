/** The live table's column widths come from the cells shown: what users at 80x24, 100x30 and 60 columns saw cut. */
import {afterEach, describe, expect, it, vi} from 'vitest';
import {displayWidth} from '../../source/format/escape.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {ScriptedCollector, renderLiveView, snapshotOf, socket, type Rendered} from './live-fixtures.js';
import {tableRows} from './live-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

let current: Rendered | undefined;
afterEach(() => {
	current?.unmount();
	current = undefined;
});

const services = createStaticServiceTable([
	{name: 'http-alt', port: 8080, protocol: 'tcp', aliases: [], comment: 'HTTP Alternate', source: '/etc/services'},
]);

// A web server run as nobody on 127.0.0.1:8080, a client connected to it, and a TIME_WAIT nobody holds.
const server = socket({proto: 'tcp4', inode: 2001, localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', user: 'nobody', uid: 65_534, command: 'python3', pid: 27_572, fd: 3});
const accepted = socket({proto: 'tcp4', inode: 2002, localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '127.0.0.1', foreignPort: 32_938, state: 'ESTABLISHED', user: 'nobody', uid: 65_534, command: 'python3', pid: 27_572, fd: 4});
const client = socket({proto: 'tcp4', inode: 2003, localAddress: '127.0.0.1', localPort: 32_938, foreignAddress: '127.0.0.1', foreignPort: 8080, state: 'ESTABLISHED', user: 'nobody', uid: 65_534, command: 'curl', pid: 27_667, fd: 5});
const waiting = socket({proto: 'tcp4', inode: 0, localAddress: '127.0.0.1', localPort: 32_900, foreignAddress: '127.0.0.1', foreignPort: 8080, state: 'TIME_WAIT', user: '?', uid: null});
const scene = [server, accepted, client, waiting];

function mount(columns: number, rows: number, sockets = scene) {
	current = renderLiveView({collector: new ScriptedCollector(snapshotOf(sockets)), services, columns, rows});
	return current;
}

/** The column header and the rows, once the services table has named the port. */
const table = async (columns: number, rows: number, sockets = scene) => {
	const view = mount(columns, rows, sockets);
	const frame = await view.waitFor(frame => frame.includes('curl') && (columns < 80 || frame.includes('http-alt')));
	for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
	const lines = frame.split('\n');
	return lines.slice(lines.findIndex(line => line.startsWith('USER') || line.startsWith('COMMAN')), -1).filter(line => line.trim() !== '');
};

describe('LiveView: column widths from the data', () => {
	it('at 40 columns keeps STATE where PROTO gives way: LISTEN and UNCONN tell TCP from UDP too', async () => {
		// As another user: no holder is seen, so PID alone stays of the owner columns.
		const unseen = [
			socket({proto: 'tcp4', inode: 3001, localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', user: '?', uid: null}),
			socket({proto: 'udp4', inode: 3002, localAddress: '127.0.0.1', localPort: 8080, foreignPort: null, state: 'UNCONN', user: '?', uid: null}),
			{...waiting, inode: 3003},
		];
		current = renderLiveView({collector: new ScriptedCollector(snapshotOf(unseen)), services, columns: 40, rows: 12, initialSort: {column: 'local', isDescending: false}});
		const frame = await current.waitFor(frame => frame.includes('TIME-W'));
		const lines = frame.split('\n');
		// Was ' PID PROTO  LOCAL ADDRESS▲  FOREIGN', a TCP listener and a UDP socket told apart only by 'tcp4'.
		expect(lines.slice(lines.findIndex(line => line.startsWith(' PID')), -1).filter(line => line.trim() !== '')).toEqual([
			' PID LOCAL ADDRESS▲  FOREIGN      STATE',
			'   ? 127.0.0.1:8080  *:*          LISTEN',
			'   ? 127.0.0.1:8080  *:*          UNCONN',
			'   ? 127.0.0.1:32900 127.0…1:8080 TIME-W',
		]);
	});

	it('at 80 columns keeps nobody and http-alt whole: STATE is spelled short instead, and no column is padded past its cells', async () => {
		expect(await table(80, 24)).toEqual([
			'USER   COMMAND▲   PID  FD PROTO  LOCAL ADDRESS   FOREIGN ADDRESS STATE  SERVICE',
			'nobody curl     27667   5 tcp4   127.0.0.1:32938 127.0.0.1:8080  ESTAB  http-alt',
			'nobody python3  27572   3 tcp4   127.0.0.1:8080  *:*             LISTEN http-alt',
			'nobody python3  27572   4 tcp4   127.0.0.1:8080  127.0.0.1:32938 ESTAB  http-alt',
			'?      ?            ?   ? tcp4   127.0.0.1:32900 127.0.0.1:8080  TIME-W http-alt',
		]);
	});

	it('at 100 columns shows every cell whole, the addresses 15 wide as their widest', async () => {
		expect(await table(100, 30)).toEqual([
			'USER   COMMAND▲   PID  FD PROTO  LOCAL ADDRESS   FOREIGN ADDRESS STATE       SERVICE',
			'nobody curl     27667   5 tcp4   127.0.0.1:32938 127.0.0.1:8080  ESTABLISHED http-alt',
			'nobody python3  27572   3 tcp4   127.0.0.1:8080  *:*             LISTEN      http-alt',
			'nobody python3  27572   4 tcp4   127.0.0.1:8080  127.0.0.1:32938 ESTABLISHED http-alt',
			'?      ?            ?   ? tcp4   127.0.0.1:32900 127.0.0.1:8080  TIME_WAIT   http-alt',
		]);
	});

	it('gives USER of only "?" its header\'s width and the sort arrow\'s room, not 7', async () => {
		const hidden = scene.map(each => ({...each, user: '?', uid: null}));
		current = renderLiveView({collector: new ScriptedCollector(snapshotOf(hidden)), services, columns: 100, rows: 30});
		const frame = await current.waitFor(frame => frame.includes('curl'));
		expect(tableRows(frame)[0]).toMatch(/^\? {5}curl /);
	});

	it('at 61 columns steps with > through the columns it drops too, each shown while sorted by, and is as it was after a round', async () => {
		const view = mount(61, 20);
		await view.waitFor(frame => frame.includes('curl'));
		const headerOf = (frame: string) => frame.split('\n').find(line => /^(USER|COMMAND)/.test(line))!;
		const start = headerOf(view.frame());
		const seen = [/Sort \S+/.exec(view.frame())![0]];
		for (let step = 0; step < 20 && (step === 0 || seen.at(-1) !== seen[0]); step++) {
			await view.press('>');
			const frame = await view.waitFor(frame => /Sort \S+/.exec(frame)?.[0] !== seen.at(-1));
			seen.push(/Sort \S+/.exec(frame)![0]);
			// The column sorted by carries the arrow, on screen.
			expect(headerOf(frame), seen.at(-1)).toMatch(/▲/);
		}

		expect(seen.at(-1)).toBe(seen[0]);
		// More columns than fit: FD, dropped at this width, is among them.
		expect(seen).toContain('Sort FD');
		expect(start).not.toMatch(/\bFD\b/);
		expect(headerOf(view.frame())).toBe(start);
	});

	it.each([[100, 30], [80, 24]])('at %i columns moves no column when < and > choose another sort column', async (columns, rows) => {
		const view = mount(columns, rows);
		await view.waitFor(frame => frame.includes('curl') && (columns < 80 || frame.includes('http-alt')));
		// A row's line, cell for cell: the same wherever the sort puts it.
		const curl = (frame: string) => tableRows(frame).find(line => line.includes('curl'));
		const first = curl(view.frame());
		const header = view.frame().split('\n').find(line => line.startsWith('USER'))!;
		const count = header.split(/ +/).filter(word => /^[A-Z]/.test(word) && word !== 'ADDRESS').length;
		const seen = [/Sort \S+/.exec(view.frame())![0]];
		// Every column on screen, and back to COMMAND.
		for (let step = 0; step < count; step++) {
			await view.press('>');
			const frame = await view.waitFor(frame => /Sort \S+/.exec(frame)?.[0] !== seen.at(-1));
			seen.push(/Sort \S+/.exec(frame)![0]);
			expect(curl(frame), seen.at(-1)).toBe(first);
		}

		expect(new Set(seen).size).toBe(count);
		expect(seen.at(-1)).toBe(seen[0]);
	});

	it('at 61 columns drops PROTO so loopback addresses read whole beside USER, COMMAND and PID; at 55 cuts them in the middle, keeping the start of the IP and the port', async () => {
		// Was 'nobody curl     27667 tcp4   127.…1:32938 127.0…1:8080 ESTAB': PROTO gives way to the
		// addresses after FD (STATE and the address tell TCP from UDP), and USER, COMMAND and PID, who holds it, stay.
		expect(await table(61, 20)).toEqual([
			'USER   COMMAND▲   PID LOCAL ADDRESS   FOREIGN ADDRESS STATE',
			'nobody curl     27667 127.0.0.1:32938 127.0.0.1:8080  ESTAB',
			'nobody python3  27572 127.0.0.1:8080  *:*             LISTEN',
			'nobody python3  27572 127.0.0.1:8080  127.0.0.1:32938 ESTAB',
			'?      ?            ? 127.0.0.1:32900 127.0.0.1:8080  TIME-W',
		]);
		current?.unmount();
		// COMMAND keeps its own cell for the sort arrow: its minimum (7) is its header's width, and the arrow took its last letter ('COMMAN▲').
		const lines = await table(55, 20);
		expect(lines[0]).toBe('USER   COMMAND▲   PID LOCAL ADDRESS FOREIGN      STATE');
		expect(lines[1]).toBe('nobody curl     27667 127.0…1:32938 127.0…1:8080 ESTAB');
		expect(lines[3]).toBe('nobody python3  27572 127.0.…1:8080 127.…1:32938 ESTAB');
		// Narrower, USER gives way, as the narrow-terminal order has it, and the addresses are whole.
		current?.unmount();
		expect((await table(53, 20))[0]).toBe('COMMAND▲   PID LOCAL ADDRESS   FOREIGN ADDRESS STATE');
	});

	it('at 54x15 keeps nobody whole or drops USER, never "nobo…", where every column kept is at its narrowest', async () => {
		// Six-digit PIDs (pid_max is 4194304 on 64-bit Linux): at 55 USER, COMMAND, PID and the
		// addresses fit only at their minimums, 'nobo…' and '127.…1:32938'. One column less, USER goes, as the
		// narrow-terminal order has it, and its room makes every address whole.
		const sixDigits = scene.map(each => (each.pid === null ? each : {...each, pid: each.pid + 100_000}));
		expect(await table(54, 15, sixDigits)).toEqual([
			'COMMAND▲    PID LOCAL ADDRESS   FOREIGN ADDRESS STATE',
			'curl     127667 127.0.0.1:32938 127.0.0.1:8080  ESTAB',
			'python3  127572 127.0.0.1:8080  *:*             LISTEN',
			'python3  127572 127.0.0.1:8080  127.0.0.1:32938 ESTAB',
			'?             ? 127.0.0.1:32900 127.0.0.1:8080  TIME-W',
		]);
		// One column wider, nobody fits whole beside the addresses cut to their minimum.
		current?.unmount();
		expect((await table(55, 15, sixDigits))[1]).toBe('nobody curl     127667 127.…1:32938 127.0…1:8080 ESTAB');
	});


});
