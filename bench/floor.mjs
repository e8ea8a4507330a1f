/**
 * The least any Node.js program must do to answer what `ss -tunap` answers: start
 * Node, read this namespace's TCP and UDP tables from /proc/net, and read the link of
 * every open fd of every process (the only way Linux tells which process holds a
 * socket; ss and lsof walk the same links). Nothing is parsed, matched or printed
 * but two counts. Timed beside socktop and ss (bench/once.mjs), it shows how much of
 * socktop's time no Node program could save: a target below this floor's ratio to
 * ss cannot be met by a program started with `node`.
 *
 * Run alone: `node bench/floor.mjs` prints "<table bytes> <socket links>".
 */
import fs from 'node:fs';
import process from 'node:process';

let tableBytes = 0;
for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
	try {
		tableBytes += fs.readFileSync(`/proc/net/${table}`).length;
	} catch {
		// A kernel without IPv6 has no tcp6/udp6.
	}
}

let socketLinks = 0;
for (const pid of fs.readdirSync('/proc')) {
	if (pid.charCodeAt(0) > 57) continue;
	let fds;
	try {
		fds = fs.readdirSync(`/proc/${pid}/fd`);
	} catch {
		continue; // Gone, or another user's process.
	}

	for (const fd of fds) {
		try {
			if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) socketLinks++;
		} catch {
			// The fd was closed meanwhile.
		}
	}
}

process.stdout.write(`${tableBytes} ${socketLinks}\n`);
