/** The PID view's RECV-Q and SEND-Q: shown once something is queued, kept while the view is open, said in the sentences. */
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {PidView} from '../../source/components/pid-view.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {detailOf, inetSocket, scriptedCollector, sshdFds, sshServices} from './pid-fixtures.js';
import {frameOf, loaded, view, waitFor} from './pid-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

/** sshd with a connection waiting to be accepted on its IPv4 listener, and a session with unacknowledged bytes. */
function queued(backlog: number, unacked: number): FileDescriptor[] {
	const session = inetSocket({localAddress: '10.0.0.5', foreignAddress: '203.0.113.9', foreignPort: 50_022, state: 'ESTABLISHED', fd: 5, inode: 20_600, txQueue: unacked});
	return [
		...sshdFds.slice(0, 3),
		{...sshdFds[3]!, socket: {...sshdFds[3]!.socket!, rxQueue: backlog}},
		sshdFds[4]!,
		{fd: 5, type: 'socket', target: 'socket:[20600]', socket: session},
	];
}

describe('PidView queues', () => {
	it('at 80 columns adds RECV-Q and SEND-Q while something is queued, and says what in the sentences', async () => {
		const instance = view({collector: scriptedCollector([detailOf(queued(2, 1448), {listening: ['tcp/22']})]), width: 80, height: 30, interval: 60});
		await loaded(instance);
		expect(frameOf(instance)).toBe(
			[
				' PID 812 sshd · Esc back · ? help · k kill · ↑↓ select · / filter',
				'PID 812  PPID 1  User root (uid 0)  State S (sleeping)  Threads 1',
				'Started 2026-11-26 23:55:00 (3h 5m ago)  Open FDs 6 of 1024 (soft limit)',
				'Sockets 2 LISTEN, 1 ESTABLISHED (TCP)',
				'Cmdline sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
				'Cwd /  Exe /usr/sbin/sshd',
				'┌─────┬─────────┬─────────────┬────────────────────┬────────┬────────┬────────┐',
				'│ FD▲ │ TYPE    │ TARGET      │ FOREIGN / PEER     │ STATE  │ RECV-Q │ SEND-Q │',
				'├─────┼─────────┼─────────────┼────────────────────┼────────┼────────┼────────┤',
				'│   0 │ chr dev │ /dev/null   │                    │        │        │        │',
				'│   1 │ ?       │ socket:[1]  │                    │        │        │        │',
				'│   2 │ pipe    │ pipe:[4471] │ → logger[900] fd 0 │        │        │        │',
				'│   3 │ tcp4    │ *:22        │ *:*                │ LISTEN │      2 │        │',
				'│   4 │ tcp6    │ *:22        │ *:*                │ LISTEN │      0 │        │',
				'│   5 │ tcp4    │ 10.0.0.5:22 │ 203.0.113.9:50022  │ ESTAB  │      0 │   1448 │',
				'└─────┴─────────┴─────────────┴────────────────────┴────────┴────────┴────────┘',
				'fd 0: the character device /dev/null',
				'fd 3: sshd listens for TCP connections on port 22 (named ssh in /etc/services:',
				'  The Secure Shell (SSH) Protocol) on every IPv4 address; Recv-Q 2: 2',
				'  connections wait in its accept queue for sshd to accept()',
				'fd 4: sshd listens for TCP connections on port 22 (named ssh in /etc/services:',
				'  The Secure Shell (SSH) Protocol) on every IPv6 address (and every IPv4',
				'  address too, unless the socket is IPv6-only)',
				'fd 5: sshd accepted a connection on port 22 (named ssh in /etc/services: The',
				"  Secure Shell (SSH) Protocol) from 203.0.113.9 port 50022 (the client's",
				'  ephemeral port); Send-Q 1448: 1448 bytes written that the other end has not',
				'  acknowledged yet',
			].join('\n'),
		);
	});

	it('adds no columns while nothing is queued, and keeps them once shown, so they do not come and go with the traffic', async () => {
		let now = detailOf(queued(0, 0));
		const collector = {...scriptedCollector([now]), process: async () => now};
		const instance = view({collector, width: 80, height: 30});
		await loaded(instance);
		expect(frameOf(instance)).not.toContain('RECV-Q');
		now = detailOf(queued(1, 0));
		await waitFor(() => {
			expect(frameOf(instance)).toContain('│ RECV-Q │ SEND-Q │');
		});
		expect(frameOf(instance).replaceAll(/\s+/g, ' ')).toContain('Recv-Q 1: 1 connection waits');
		// Drained: the sentence says nothing queued any more, the columns stay with their zeros.
		now = detailOf(queued(0, 0));
		await waitFor(() => {
			expect(frameOf(instance)).not.toContain('Recv-Q 1');
		});
		expect(frameOf(instance)).toContain('│ RECV-Q │ SEND-Q │');
		expect(frameOf(instance)).toContain('│ LISTEN │      0 │        │');
	});

	it('keeps them for the PID it saw them for, not for the next one the same view is handed', async () => {
		let now = detailOf(queued(1, 0));
		const collector = {...scriptedCollector([now]), process: async () => now};
		const at = (pid: number) => <PidView pid={pid} collector={collector} services={sshServices} ephemeral={null} interval={0.05} isPaused={false} width={80} height={30} onBack={() => undefined} />;
		const instance = render(at(812));
		await waitFor(() => {
			expect(frameOf(instance)).toContain('│ RECV-Q │ SEND-Q │');
		});
		now = detailOf(queued(0, 0), {pid: 813, process: {...detailOf().process!, pid: 813}});
		instance.rerender(at(813));
		await waitFor(() => {
			expect(frameOf(instance)).toContain('PID 813  PPID 1');
		});
		expect(frameOf(instance)).not.toContain('RECV-Q');
	});

	it('leaves the columns out at 40 columns, where they would cut every other one to nothing: the sentence says it', async () => {
		// Tall enough for the sentence whole (under a line of Sockets): a shorter view cuts it at its end, where this clause is.
		const instance = view({collector: scriptedCollector([detailOf(queued(2, 0))]), width: 40, height: 27, interval: 60, initialFd: 3});
		await loaded(instance);
		const frame = frameOf(instance);
		expect(frame).not.toContain('RECV-Q');
		expect(frame.replaceAll('\n  ', ' ')).toContain('Recv-Q 2: 2 connections wait in its accept queue for sshd to accept()');
	});
});
