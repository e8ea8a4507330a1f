/** Columns that say nothing in any row shown give their room to the others where the terminal is narrow. */
import {describe, expect, it, vi} from 'vitest';
import {displayWidth} from '../../source/format/escape.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {ScriptedCollector, liveMounter, renderLiveView, snapshotOf, socket} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {keep} = liveMounter();
const services = createStaticServiceTable([{name: 'websm', port: 9090, protocol: 'tcp', aliases: [], comment: 'WebSM', source: '/etc/services'}]);

// socktop -u on a host running a test deployment: every row is unix, so SERVICE is always empty.
const unix = [
	socket({proto: 'stream', inode: 3001, localAddress: null, foreignAddress: null, path: '/run/user/1000/deploy/uat-app.sock', state: 'LISTEN', user: 'alice', uid: 1000, command: 'uat-app', pid: 4100, fd: 7}),
	socket({proto: 'stream', inode: 3002, localAddress: null, foreignAddress: null, path: '/run/user/1000/deploy/uat-app.sock', peerInode: 3003, state: 'ESTABLISHED', user: 'alice', uid: 1000, command: 'uat-app', pid: 4100, fd: 9}),
	socket({proto: 'stream', inode: 3003, localAddress: null, foreignAddress: null, peerPath: '/run/user/1000/deploy/uat-app.sock', state: 'ESTABLISHED', user: 'alice', uid: 1000, command: 'curl', pid: 4242, fd: 5}),
];

// As nobody: connections to a local Prometheus (9090) that only TIME_WAIT rows are left of, no holder seen.
const unseen = [32_900, 32_901, 32_902].map((port, index) =>
	socket({proto: 'tcp4', inode: 0, localAddress: '127.0.0.1', localPort: port, foreignAddress: '127.0.0.1', foreignPort: 9090, state: 'TIME_WAIT', user: '?', uid: null, rxQueue: index}),
);

async function table(sockets: ReturnType<typeof socket>[], columns: number, rows: number, setup: {sort?: 'service' | 'local'} = {}) {
	const view = keep(renderLiveView({collector: new ScriptedCollector(snapshotOf(sockets)), columns, rows, services, ...(setup.sort === undefined ? {} : {initialSort: {column: setup.sort, isDescending: false}})}));
	const frame = await view.waitFor(frame => frame.includes(sockets[0]!.proto === 'stream' ? 'curl' : 'websm') || (columns < 80 && frame.includes('32900')));
	for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
	const lines = frame.split('\n');
	return lines.slice(lines.findIndex(line => /^ *(USER|COMMAN|PID)/.test(line)), -1).filter(line => line.trim() !== '');
}

describe('LiveView: blank columns at narrow widths', () => {
	it('at 80x24 gives an all-empty SERVICE column to the unix paths', async () => {
		// Was SERVICE 7 wide over nothing, LOCAL cut to '…n/uat-app.sock'; then STATE took the room
		// ('ESTABLISHED' beside '-> …at-app.sock'), though the cells are cut: it is spelled short.
		expect(await table(unix, 80, 24)).toEqual([
			'USER  COMMAND▲  PID  FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      STATE',
			'alice curl     4242   5 stream -                     -> …loy/uat-app.sock ESTAB',
			'alice uat-app  4100   7 stream …/deploy/uat-app.sock -                    LISTEN',
			'alice uat-app  4100   9 stream …/deploy/uat-app.sock -> socket:[3003]     ESTAB',
		]);
	});

	// At 60 columns SERVICE gives way anyway (FD and SERVICE are the first dropped for width).
	it('keeps a blank column the table is sorted by', async () => {
		expect((await table(unix, 80, 24, {sort: 'service'}))[0]).toBe('USER  COMMAND   PID  FD PROTO  LOCAL ADDRESS     FOREIGN ADDRESS STATE  SERVICE▲');
	});

	it('at 60x15 keeps one owner column of only "?" (the sort column, COMMAND), so LOCAL is whole', async () => {
		// Was USER, COMMAND and PID of '?' beside 'LOCAL' cut to 12 ('127.…1:32900'); then PROTO beside
		// FOREIGN cut to '127.0…1:9090': PROTO gives way to the addresses, after FD.
		expect(await table(unseen, 60, 15)).toEqual([
			'COMMAND▲ LOCAL ADDRESS   FOREIGN ADDRESS STATE     SERVICE',
			'?        127.0.0.1:32900 127.0.0.1:9090  TIME_WAIT websm',
			'?        127.0.0.1:32901 127.0.0.1:9090  TIME_WAIT websm',
			'?        127.0.0.1:32902 127.0.0.1:9090  TIME_WAIT websm',
		]);
		// Sorted by another column, PID is the one kept, the narrowest: every cell is whole.
		expect(await table(unseen, 60, 15, {sort: 'local'})).toEqual([
			' PID PROTO  LOCAL ADDRESS▲  FOREIGN ADDRESS STATE  SERVICE',
			'   ? tcp4   127.0.0.1:32900 127.0.0.1:9090  TIME-W websm',
			'   ? tcp4   127.0.0.1:32901 127.0.0.1:9090  TIME-W websm',
			'   ? tcp4   127.0.0.1:32902 127.0.0.1:9090  TIME-W websm',
		]);
	});

	it('at 80x24 hides nothing where every column fits whole', async () => {
		expect(await table(unseen, 80, 24)).toEqual([
			'USER  COMMAND▲  PID  FD PROTO  LOCAL ADDRESS   FOREIGN        STATE     SERVICE',
			'?     ?           ?   ? tcp4   127.0.0.1:32900 127.0.0.1:9090 TIME_WAIT websm',
			'?     ?           ?   ? tcp4   127.0.0.1:32901 127.0.0.1:9090 TIME_WAIT websm',
			'?     ?           ?   ? tcp4   127.0.0.1:32902 127.0.0.1:9090 TIME_WAIT websm',
		]);
	});
});
