/** LiveView Enter on a connection in the accept queue of a listener several processes hold: who accepts it. */
import {describe, expect, it} from 'vitest';
import {KEYS, ScriptedCollector, liveMounter, snapshotOf, socket} from './live-fixtures.js';

const {mount} = liveMounter();

/** systemd holds sshd's listener (Accept=no) and does not poll it while sshd runs; sshd waits in accept(). */
class AcceptingCollector extends ScriptedCollector {
	readonly asked: Array<{pids: readonly number[]; inode: number}> = [];
	acceptWaiters = async (pids: readonly number[], inode: number) => {
		this.asked.push({pids, inode});
		return new Map([[1, false], [812, true]]);
	};
}

const held = (pid: number, command: string, fd: number) =>
	socket({proto: 'tcp4', inode: 9001, localAddress: '*', localPort: 22, foreignAddress: '*', foreignPort: null, state: 'LISTEN', user: 'root', uid: 0, command, pid, fd});
const queued = socket({proto: 'tcp4', inode: 0, localAddress: '10.0.0.2', localPort: 22, foreignAddress: '10.0.0.9', foreignPort: 50_000, state: 'ESTABLISHED', user: '?', uid: null, command: null, pid: null, fd: null});
const rows = [queued, held(1, 'systemd', 40), held(812, 'sshd', 3)];
const watch = "The listener's PID view says how many wait (Recv-Q) of its backlog (Send-Q): a queue that stays full (backlog+1 on Linux) means the server is not keeping up.";

describe('LiveView: Enter on a connection not accepted yet, its listener held by systemd and sshd', () => {
	it('asks the backend who waits to accept, and names sshd, not systemd', async () => {
		const collector = new AcceptingCollector(snapshotOf(rows));
		const {view} = mount({collector, isRoot: true, columns: 300, filters: {connected: true}});
		await view.waitFor(frame => frame.includes('50000'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('until sshd'));
		expect(frame.split('\n').at(-1)).toBe(`No process holds it yet: it waits in the accept queue until sshd (PID 812), listening on port 22, calls accept() for it. ${watch}`);
		expect(collector.asked).toEqual([{pids: [1, 812], inode: 9001}]);
	});

	it('does not ask about a gone row (its sentence is the last scan\'s; its holders\' PIDs may be others\' since)', async () => {
		const collector = new AcceptingCollector(snapshotOf(rows));
		const {view} = mount({collector, isRoot: true, columns: 300, filters: {connected: true}});
		await view.waitFor(frame => frame.includes('50000'));
		// The connection is accepted (gone from the scan) as another arrives: its row stays one refresh, marked gone.
		const next = socket({...queued, foreignPort: 50_001});
		collector.push(snapshotOf([next, held(1, 'systemd', 40), held(812, 'sshd', 3)]));
		await view.waitFor(frame => frame.includes('50001') && frame.includes('50000'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('accept queue'));
		// The selected row is the first, the one just closed: told from the last scan, with no one asked.
		expect(frame).toContain('+ 1 just closed');
		expect(frame.split('\n').slice(-2).join(' ')).toContain('until one of the processes listening on port 22 — systemd (PID 1), sshd (PID 812) — calls accept()');
		expect(collector.asked).toEqual([]);
	});

	it('names both where the backend cannot tell (lsof, sockstat, a capture)', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(rows)), isRoot: true, columns: 300, filters: {connected: true}});
		await view.waitFor(frame => frame.includes('50000'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('accept queue'));
		expect(frame.split('\n').slice(-2).join(' ')).toBe(`No process holds it yet: it waits in the accept queue until one of the processes listening on port 22 — systemd (PID 1), sshd (PID 812) — calls accept() for it. ${watch}`);
	});
});
