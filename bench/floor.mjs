/**
 * The least any Node.js program must do to answer what `ss -tunap` answers: start
 * Node, read this namespace's TCP and UDP tables from /proc/net, and read the link of
 * every open fd of every process (the only way Linux tells which process holds a
 * socket; ss and lsof walk the same links). Nothing is parsed, matched or printed
 * but two counts. Timed beside socktop and ss (bench/once.mjs), it shows how much of
 * socktop's time no Node program could save.
 *
 * With `--threads 2` a worker thread walks half the processes while the main thread
 * reads the tables and walks the rest (socktop's helper thread does the same): on a
 * machine with a second core idle, the walk is the one part that two cores shorten.
 *
 * Run alone: `node bench/floor.mjs [--threads 2]` prints "<table bytes> <socket links>".
 */
import fs from 'node:fs';
import process from 'node:process';
import {Worker} from 'node:worker_threads';

/** Socket links among the fds of `pids` (self-contained: the worker runs its source). */
function walk(fs, pids) {
	let links = 0;
	for (const pid of pids) {
		let fds;
		try {
			fds = fs.readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue; // Gone, or another user's process.
		}

		for (const fd of fds) {
			try {
				if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) links++;
			} catch {
				// The fd was closed meanwhile.
			}
		}
	}

	return links;
}

const threads = process.argv[2] === '--threads' ? Number(process.argv[3]) : 1;
const pids = fs.readdirSync('/proc').filter(name => name.charCodeAt(0) <= 57);
// Every other process to the worker, so both halves hold big and small processes alike.
const theirs = threads > 1 ? pids.filter((_, index) => index % 2 === 1) : [];
const mine = threads > 1 ? pids.filter((_, index) => index % 2 === 0) : pids;
const helper =
	theirs.length === 0
		? null
		: new Promise((resolve, reject) => {
				const source = `const {parentPort, workerData} = require('node:worker_threads'); parentPort.postMessage((${walk})(require('node:fs'), workerData));`;
				const worker = new Worker(source, {eval: true, workerData: theirs});
				worker.once('message', resolve);
				worker.once('error', reject);
			});

let tableBytes = 0;
for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
	try {
		tableBytes += fs.readFileSync(`/proc/net/${table}`).length;
	} catch {
		// A kernel without IPv6 has no tcp6/udp6.
	}
}

const socketLinks = walk(fs, mine) + (helper === null ? 0 : await helper);
process.stdout.write(`${tableBytes} ${socketLinks}\n`);
