import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {startChurn} from '../../helpers/churn.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.warn('churn test skipped: python3 (the churn generator) is not installed');

describe('snapshot under process churn', () => {
	it.skipIf(!hasPython)('never throws, counts processes that exit mid-scan, and keeps rows whole', {timeout: 120_000}, async () => {
		// 80 short-lived processes a second, each with a TCP, a UDP and a unix socket, until three
		// scans have run over them and seen some exit mid-scan: a second or so, but on two cores at a load
		// of 25-50 one scan can take seconds and 20 s of churn ran out first. The 90 s only bound a hang.
		const churn = await startChurn(80, 90);
		let isDone = false;
		void churn.done.then(() => {
			isDone = true;
		});
		let snapshots = 0;
		let vanished = 0;
		let churnRows = 0;
		try {
			while (!isDone && (snapshots < 3 || vanished === 0 || churnRows === 0)) {
				const snapshot = await readLinuxSnapshot();
				snapshots++;
				vanished += snapshot.skipped.vanishedProcesses;
				// A table read while sockets open and close can print an entry twice; it is one row still.
				const rows = snapshot.sockets.filter(socket => socket.inode !== 0).map(socket => `${socket.netns} ${socket.proto} ${socket.inode} ${socket.pid} ${socket.fd}`);
				expect(rows.length - new Set(rows).size).toBe(0);
				for (const socket of snapshot.sockets) {
					// A holder is all or nothing: never a pid without its fd and command.
					expect([socket.pid === null, socket.fd === null, socket.command === null]).toEqual(
						socket.pid === null ? [true, true, true] : [false, false, false],
					);
					if (socket.command?.startsWith('churn')) churnRows++;
				}
			}
		} finally {
			await churn.stop();
		}

		expect(snapshots).toBeGreaterThanOrEqual(2);
		expect(churnRows).toBeGreaterThan(0);
		expect(vanished).toBeGreaterThan(0);
	});
});
