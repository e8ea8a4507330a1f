import type {Collector} from '../../source/collect/collector.js';
import type {FileDescriptor, ProcessDetail, ProcessInfo} from '../../source/model/process.js';
import type {Socket} from '../../source/model/types.js';
import {socket} from '../helpers/socket.js';

/** A process as the PID view tests see it; times are fixed so frames are exact. */
export const NOW = Date.UTC(2026, 10, 27, 3, 0, 0);

export const sshdInfo: ProcessInfo = {
	pid: 812,
	ppid: 1,
	user: 'root',
	uid: 0,
	command: 'sshd',
	cmdline: ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'],
	state: 'S (sleeping)',
	startTime: NOW - 3 * 3600_000 - 5 * 60_000,
	startToken: '31824',
	threads: 1,
	cwd: '/',
	exe: '/usr/sbin/sshd',
	fdLimit: 1024,
};

export const inetSocket = (fields: Partial<Socket>): Socket =>
	socket({localAddress: '*', localPort: 22, state: 'LISTEN', command: 'sshd', pid: 812, fd: 3, inode: 20_531, rxQueue: 0, txQueue: 0, ...fields});

export const sshdFds: FileDescriptor[] = [
	{fd: 0, type: 'char', target: '/dev/null', socket: null},
	{fd: 1, type: 'unknown', target: 'socket:[1]', socket: null},
	{fd: 2, type: 'pipe', target: 'pipe:[4471]', socket: null, peer: {command: 'logger', pid: 900, fd: 0}},
	{fd: 3, type: 'socket', target: 'socket:[20531]', socket: inetSocket({})},
	{
		fd: 4,
		type: 'socket',
		target: 'socket:[20532]',
		socket: inetSocket({proto: 'tcp6', localAddress: '*', fd: 4, inode: 20_532}),
	},
];

export const detailOf = (fds: readonly FileDescriptor[] = sshdFds, fields: Partial<ProcessDetail> = {}): ProcessDetail => ({
	time: NOW,
	pid: 812,
	process: sshdInfo,
	fds,
	denied: null,
	...fields,
});

/** A collector that answers process() from a list, repeating the last answer; counts calls. */
export function scriptedCollector(answers: readonly ProcessDetail[]): Collector & {calls: number} {
	const collector = {
		name: 'proc' as const,
		calls: 0,
		async snapshot(): Promise<never> {
			throw new Error('not used by the PID view');
		},
		async process(): Promise<ProcessDetail> {
			const answer = answers[Math.min(collector.calls, answers.length - 1)]!;
			collector.calls++;
			return answer;
		},
		// A live backend's signalling, faked: the process is always there, nothing is ever sent.
		identify: async () => ({startToken: '1', command: 'sshd', ageMs: 60_000}),
		signal: async () => ({isSent: false, message: 'Not sent: fake collector.'}),
	};
	return collector;
}

export const tick = async (ms = 30) =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});
