import {Writable} from 'node:stream';
import type {OneShotIo} from '../../source/once.js';
import type {Collector} from '../../source/collect/collector.js';
import {emptySkipped, type Snapshot} from '../../source/model/types.js';
import {sampleSockets} from '../format/sockets.js';

/** The one-shot tests' snapshot: sockstat's sample rows, 7 processes not read. */
export const snapshot: Snapshot = {
	time: Date.UTC(2026, 0, 2, 3, 4, 5),
	hostname: 'fake',
	backend: 'proc',
	sockets: sampleSockets,
	skipped: {...emptySkipped, deniedProcesses: 7},
};

export const fakeCollector: Collector = {
	name: 'proc',
	snapshot: async () => snapshot,
	process: async pid => ({time: snapshot.time, process: null, fds: [], denied: null, pid}),
};

/** printSnapshot's and printProcess's io, its stdout and stderr kept as text; a terminal when `isTty`. */
export function capture(isTty: boolean, isRoot = false): OneShotIo & {out: () => string; err: () => string} {
	const sink = () => {
		const chunks: string[] = [];
		const stream = new Writable({
			write(chunk: Buffer, _encoding, done) {
				chunks.push(chunk.toString());
				done();
			},
		});
		return {stream, text: () => chunks.join('')};
	};

	const stdout = sink();
	const stderr = sink();
	return {stdout: stdout.stream, stderr: stderr.stream, isStdoutTty: isTty, isStderrTty: isTty, isRoot, out: stdout.text, err: stderr.text};
}
