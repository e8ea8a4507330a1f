/**
 * The table's diff (source/model/diff.ts) of a unix listener's full accept queue: N
 * connections waiting there are N alike sockets (inode 0, no holder, the listener's path),
 * told apart by an ordinal key. Prints ms for the first snapshot and for a refresh.
 *
 *   npx tsx bench/embryos.ts [--counts 1000,4000,16000]
 */
import {parseArgs} from 'node:util';
import {diffSnapshots} from '../source/model/diff.js';
import {emptySkipped, type Snapshot} from '../source/model/types.js';
import {socket} from '../test/helpers/socket.js';

const {values} = parseArgs({options: {counts: {type: 'string', default: '1000,4000,16000'}}});
const queue = (count: number): Snapshot => ({
	time: Date.now(),
	hostname: 'bench',
	backend: 'proc',
	skipped: emptySkipped,
	sockets: Array.from({length: count}, () => socket({proto: 'stream', inode: 0, path: '/run/app.sock', state: 'CONNECTING'})),
});

for (const count of values.counts.split(',').map(Number)) {
	const [before, now] = [queue(count), queue(count)];
	const start = performance.now();
	diffSnapshots(null, before);
	const first = performance.now();
	diffSnapshots(before, now);
	console.log(`${count} waiting connections: first ${(first - start).toFixed(0)} ms, refresh ${(performance.now() - first).toFixed(0)} ms`);
}
