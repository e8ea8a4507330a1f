/** Enter on an fd whose other end is another process opens that process's PID view; Esc comes back. */
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import type {Collector} from '../../source/collect/collector.js';
import {PidView} from '../../source/components/pid-view.js';
import {peerToFollow} from '../../source/hooks/use-pid-trail.js';
import {nameFunctionKeys} from '../../source/function-keys.js';
import type {FileDescriptor, ProcessDetail} from '../../source/model/process.js';
import {detailOf, inetSocket, sshdInfo, sshServices} from './pid-fixtures.js';
import {ESC, frameOf, inverseRows, loaded, press, waitFor} from './pid-frames.js';

vi.hoisted(() => {
	// The selection is drawn inverse; without a colour level Ink drops every attribute. Local times must not depend on the machine.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

/** node (812), holding 30 files, then a connection to python3 (5055) and a pipe to itself. */
const nodeFds: FileDescriptor[] = [
	...Array.from({length: 30}, (_, fd): FileDescriptor => ({fd, type: 'file', target: `/srv/app/log-${fd}.txt`, socket: null})),
	{
		fd: 30,
		type: 'socket',
		target: 'socket:[70030]',
		socket: inetSocket({localAddress: '127.0.0.1', localPort: 41_000, foreignAddress: '127.0.0.1', foreignPort: 8000, state: 'ESTABLISHED', command: 'node', fd: 30, inode: 70_030}),
		peer: {command: 'python3', pid: 5055, fd: 3},
	},
	{fd: 31, type: 'pipe', target: 'pipe:[7001]', socket: null, peer: {command: 'node', pid: 812, fd: 32}},
	{fd: 32, type: 'pipe', target: 'pipe:[7001]', socket: null, peer: {command: 'node', pid: 812, fd: 31}},
];

/** python3 (5055): its listener and the connection node made to it. */
const pythonFds: FileDescriptor[] = [
	{fd: 0, type: 'char', target: '/dev/null', socket: null},
	{fd: 3, type: 'socket', target: 'socket:[70103]', socket: inetSocket({localAddress: '127.0.0.1', localPort: 8000, foreignAddress: '127.0.0.1', foreignPort: 41_000, state: 'ESTABLISHED', command: 'python3', pid: 5055, fd: 3, inode: 70_103}), peer: {command: 'node', pid: 812, fd: 30}},
	{fd: 4, type: 'socket', target: 'socket:[70104]', socket: inetSocket({localAddress: '127.0.0.1', localPort: 8000, command: 'python3', pid: 5055, fd: 4, inode: 70_104})},
];

const details: Record<number, ProcessDetail> = {
	812: detailOf(nodeFds, {process: {...sshdInfo, command: 'node', cmdline: ['node', 'server.js'], exe: '/usr/bin/node'}}),
	5055: detailOf(pythonFds, {pid: 5055, listening: ['tcp/8000'], process: {...sshdInfo, pid: 5055, ppid: 812, command: 'python3', cmdline: ['python3', '-m', 'http.server'], exe: '/usr/bin/python3.12', startToken: '4444'}}),
};

/** Answers each PID from `details`; records the PIDs asked, in order. */
function collector(): Collector & {asked: number[]} {
	const asked: number[] = [];
	return {
		name: 'proc',
		asked,
		snapshot: async () => {
			throw new Error('not used by the PID view');
		},
		process: async (pid: number) => {
			asked.push(pid);
			return details[pid] ?? detailOf([], {pid, process: null});
		},
	};
}

type Options = {readonly onBack?: () => void; readonly onQuit?: () => void; readonly source?: Collector};

const nodeView = ({onBack = () => undefined, onQuit, source = collector()}: Options = {}) =>
	render(<PidView pid={812} initialFd={30} collector={source} services={sshServices} ephemeral={[32_768, 60_999]} ephemeralSetting="net.ipv4.ip_local_port_range" interval={60} isPaused={false} width={80} height={24} onBack={onBack} onQuit={onQuit} />);

/** Enter on node's connection opens python3's view; Backspace comes back to node's, drawn as `before`. */
async function followAndBack(instance: ReturnType<typeof nodeView>, before: string) {
	instance.stdin.write('\r');
	await waitFor(() => {
		expect(frameOf(instance)).toContain('PID 5055 python3');
	});
	instance.stdin.write('\u007F');
	await waitFor(() => {
		expect(frameOf(instance)).toBe(before);
	});
}

describe('Enter in the PID view', () => {
	it('opens the PID view of the selected fd\'s peer, on the fd at its end', async () => {
		const source = collector();
		const instance = nodeView({source});
		await loaded(instance);
		expect(frameOf(instance).split('\n')[0]).toBe(' PID 812 node · Esc back · ? help · Enter peer · ↑↓ select · rows 23-31 of 33');
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Cmdline python3 -m http.server');
		});
		expect(source.asked.at(-1)).toBe(5055);
		expect(frameOf(instance)).toBe(
			[
				' PID 5055 python3 · Esc back · ? help · Enter peer · ↑↓ select · / filter',
				'PID 5055  PPID 812  User root (uid 0)  State S (sleeping)  Threads 1',
				'Started 2026-11-26 23:55:00 (3h 5m ago)  Open FDs 3 of 1024 (soft limit)',
				'Sockets 1 ESTABLISHED, 1 LISTEN (TCP)',
				'Cmdline python3 -m http.server',
				'Cwd /  Exe /usr/bin/python3.12',
				'┌─────┬─────────┬────────────────┬───────────────────────────────────┬────────┐',
				'│ FD▲ │ TYPE    │ TARGET         │ FOREIGN / PEER                    │ STATE  │',
				'├─────┼─────────┼────────────────┼───────────────────────────────────┼────────┤',
				'│   0 │ chr dev │ /dev/null      │                                   │        │',
				'│   3 │ tcp4    │ 127.0.0.1:8000 │ 127.0.0.1:41000 → node[812] fd 30 │ ESTAB  │',
				'│   4 │ tcp4    │ 127.0.0.1:8000 │ *:*                               │ LISTEN │',
				'└─────┴─────────┴────────────────┴───────────────────────────────────┴────────┘',
				"fd 3: python3 accepted a connection on port 8000 (registered range, unnamed)",
				"  from 127.0.0.1 port 41000 (the client's ephemeral port); the other end is",
				'  node[812] fd 30',
				// What "ephemeral" means, under the selected fd's sentence.
				'  41000: an ephemeral port, most likely picked by the client\'s kernel from its',
				'    range (here 32768-60999, net.ipv4.ip_local_port_range); no service is',
				'    named for it',
				'fd 4: python3 listens for TCP connections on port 8000 (registered range,',
				'  unnamed) only on the loopback address 127.0.0.1 — not reachable from other',
				'  machines; while it listens, Linux refuses bind() of port 8000 on 0.0.0.0 (or',
				'  a dual-stack ::) ("Address already in use"), even with SO_REUSEADDR, unless',
				'  both set SO_REUSEPORT as one user',
			].join('\n'),
		);
		// The fd at python3's end of the connection is selected.
		expect(inverseRows(instance)[0]).toMatch(/^3 tcp4 127\.0\.0\.1:8000 /);
	});

	it('comes back on Esc or Backspace to the view before, its selection, scroll and filter as they were, then leaves', async () => {
		const onBack = vi.fn();
		const instance = nodeView({onBack});
		await loaded(instance);
		// A kept filter, and the connection selected among the rows it shows.
		instance.stdin.write('/tcp\r');
		await waitFor(() => {
			expect(frameOf(instance).split('\n')[0]).toMatch(/"tcp": showing 1 of 33$/);
		});
		const before = frameOf(instance);
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('PID 5055 python3');
		});
		await press(instance, 'j', 'fd 4: ');
		instance.stdin.write(ESC);
		await waitFor(() => {
			expect(frameOf(instance)).toBe(before);
		});
		expect(onBack).not.toHaveBeenCalled();
		// Backspace too; and its filter is the view's own: the next Esc clears it, the one after leaves.
		await followAndBack(instance, before);
		instance.stdin.write(ESC);
		await waitFor(() => {
			expect(frameOf(instance).split('\n')[0]).toMatch(/ · rows \d+-31 of 33$/);
		});
		expect(inverseRows(instance)[0]).toMatch(/^30 tcp4 /);
		instance.stdin.write(ESC);
		await waitFor(() => {
			expect(onBack).toHaveBeenCalledTimes(1);
		});
	});

	it('says whose the other end is where socktop could not read its holder (not root)', () => {
		const hidden = {...nodeFds[30]!, peer: null, hiddenPeer: {user: 'root', uid: 0}};
		expect(peerToFollow(hidden, 812)).toBe("fd 30's other end is a socket of root's that socktop cannot read: run as root to see which process holds it.");
	});

	it('shows the view it comes back to at once, as last read, and refreshes it behind', async () => {
		// node's reads after its first wait until let go, as one does that walks every process's fds
		// because the peers it knew have aged (a second on a busy host).
		let letGo: () => void = () => undefined;
		const held = new Promise<void>(resolve => {
			letGo = resolve;
		});
		const source = collector();
		const slow: Collector = {
			...source,
			async process(pid) {
				const isAgain = pid === 812 && source.asked.includes(812);
				const detail = await source.process(pid);
				if (!isAgain) return detail;
				await held;
				return {...detail, process: {...detail.process!, state: 'R (running)'}};
			},
		};
		const instance = nodeView({source: slow});
		await loaded(instance);
		const before = frameOf(instance);
		// Was ' PID 812 · Esc back · ? help' and 'Reading…' until the read came.
		await followAndBack(instance, before);
		expect(source.asked).toEqual([812, 5055, 812]);
		letGo();
		await waitFor(() => {
			expect(frameOf(instance)).toContain('State R (running)');
		});
	});

	it('says why when the fd has no other process at its other end, and stays', async () => {
		const source = collector();
		const instance = nodeView({source});
		await loaded(instance);
		await press(instance, 'j', 'fd 31: ');
		expect(frameOf(instance).split('\n')[0]).not.toContain('Enter peer');
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(frameOf(instance)).toContain("fd 31's other end is fd 32 (same process): already in this view.");
		});
		await press(instance, 'g', 'fd 0: ');
		instance.stdin.write('\r');
		await waitFor(() => {
			// A file has no other end: not "no process known" at one.
			expect(frameOf(instance)).toContain('fd 0 is a file, not a connection: there is no other end to follow.');
		});
		expect(source.asked.every(pid => pid === 812)).toBe(true);
	});

	it('takes Enter then Backspace in one read (typed fast, or over SSH): open, then back', async () => {
		const onBack = vi.fn();
		const instance = nodeView({onBack});
		await loaded(instance);
		const before = frameOf(instance);
		// Both keys are handled before a frame is drawn: the view is back where it was, having left nothing.
		instance.stdin.write('\r\u007F');
		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
		expect(frameOf(instance)).toBe(before);
		expect(onBack).not.toHaveBeenCalled();
		instance.stdin.write('\u007F');
		await waitFor(() => {
			expect(onBack).toHaveBeenCalledTimes(1);
		});
	});

	it.each([
		['q', 'q'],
		// F10 does what q does (htop's quit).
		['F10', nameFunctionKeys('\u001B[21~')],
	])('%s quits from a followed view where socktop started on the PID view, and goes back one view where Enter opened it', async (_name, quit) => {
		const onQuit = vi.fn();
		const started = nodeView({onQuit});
		await loaded(started);
		started.stdin.write('\r');
		await waitFor(() => {
			expect(frameOf(started)).toContain('PID 5055 python3');
		});
		started.stdin.write(quit);
		await waitFor(() => {
			expect(onQuit).toHaveBeenCalledTimes(1);
		});
		started.unmount();

		const onBack = vi.fn();
		const opened = nodeView({onBack});
		await loaded(opened);
		opened.stdin.write('\r');
		await waitFor(() => {
			expect(frameOf(opened)).toContain('PID 5055 python3');
		});
		opened.stdin.write(quit);
		await waitFor(() => {
			expect(frameOf(opened)).toContain('PID 812 node');
		});
		expect(onBack).not.toHaveBeenCalled();
		opened.stdin.write(quit);
		await waitFor(() => {
			expect(onBack).toHaveBeenCalledTimes(1);
		});
	});

	it('comes back to the process it left, not to another that took its PID since', async () => {
		const source = collector();
		const instance = nodeView({source});
		await loaded(instance);
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('PID 5055 python3');
		});
		// node exits and another process is given PID 812.
		const stranger = detailOf([], {process: {...sshdInfo, command: 'bash', startToken: '99999'}});
		const node = details[812]!;
		details[812] = stranger;
		try {
			instance.stdin.write(ESC);
			await waitFor(() => {
				expect(frameOf(instance)).toContain('PID 812 now belongs to another process (bash)');
			});
		} finally {
			details[812] = node;
		}
	});
});
