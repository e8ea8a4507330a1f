import type {Collector} from '../../source/collect/collector.js';
import type {FileDescriptor, ProcessDetail, ProcessInfo} from '../../source/model/process.js';
import type {SignalAccess} from '../../source/model/signal.js';
import type {Socket} from '../../source/model/types.js';
import {createStaticServiceTable} from '../../source/services/index.js';
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

/** A services file naming sshd's port. */
export const sshServices = createStaticServiceTable([
	{name: 'ssh', port: 22, protocol: 'tcp', aliases: [], comment: 'The Secure Shell (SSH) Protocol', source: '/etc/services'},
]);

/** A services file naming a web server's port. */
export const webServices = createStaticServiceTable([
	{name: 'http', port: 80, protocol: 'tcp', aliases: ['www'], comment: 'WorldWideWeb HTTP', source: '/etc/services'},
]);

export const nginxInfo: ProcessInfo = {...sshdInfo, command: 'nginx', cmdline: ['nginx: master process /usr/sbin/nginx -g daemon on; master_process on;'], exe: '/usr/sbin/nginx'};

/** A web server with more fds than fit at 80x24: listeners, a database client, accepted IPv6 connections, a pipe, a long path. */
export function nginxFds(): FileDescriptor[] {
	const unix = inetSocket({proto: 'stream', localAddress: null, localPort: null, path: null, peerPath: '/var/run/postgresql/.s.PGSQL.5432', peerInode: 30_002, state: 'ESTABLISHED', command: 'nginx', fd: 3, inode: 30_001});
	return [
		{fd: 0, type: 'char', target: '/dev/null', socket: null},
		{fd: 2, type: 'file', target: '/var/log/nginx/error.log', socket: null},
		{fd: 3, type: 'socket', target: 'socket:[30001]', socket: unix, peer: {command: 'postgres', pid: 548, fd: 7}},
		{fd: 4, type: 'file', target: '/var/log/nginx/access.log', socket: null},
		{fd: 5, type: 'socket', target: 'socket:[30005]', socket: inetSocket({localPort: 80, command: 'nginx', fd: 5, inode: 30_005})},
		{fd: 6, type: 'socket', target: 'socket:[30006]', socket: inetSocket({proto: 'tcp6', localPort: 80, command: 'nginx', fd: 6, inode: 30_006})},
		...Array.from({length: 10}, (_, index): FileDescriptor => ({
			fd: 8 + index,
			type: 'socket',
			target: `socket:[${30_008 + index}]`,
			socket: inetSocket({proto: 'tcp6', localAddress: '2001:db8::5', localPort: 80, foreignAddress: `2001:db8:85a3::8a2e:370:${7334 + index}`, foreignPort: 51_000 + index, state: 'ESTABLISHED', command: 'nginx', fd: 8 + index, inode: 30_008 + index}),
		})),
		{fd: 19, type: 'pipe', target: 'pipe:[7781]', socket: null, peer: {command: 'logrotate', pid: 990, fd: 1}},
		{fd: 20, type: 'file', target: '/var/cache/nginx/proxy_temp/7/42/0000000427-a-very-long-temporary-file-name.tmp', socket: null},
	];
}

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
		checkSignal: async (): Promise<SignalAccess> => ({kind: 'allowed'}),
	};
	return collector;
}

/** A collector whose reads wait until the test answers the last one asked (`answer`): keys can be typed before the first. */
export function heldCollector(): {readonly collector: Collector; readonly answer: (detail: ProcessDetail) => void} {
	let answer: (detail: ProcessDetail) => void = () => undefined;
	const collector: Collector = {
		name: 'proc',
		snapshot: async () => new Promise(() => undefined),
		process: async () =>
			new Promise(resolve => {
				answer = resolve;
			}),
	};
	return {collector, answer: detail => answer(detail)};
}

export const tick = async (ms = 30) =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});
