/**
 * The load generator's holder processes: `tail -f /dev/null --pid=OWNER`
 * keeping inherited socket fds open, and the checks that they hold them.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import process from 'node:process';

/** Holder: a tiny process that keeps inherited fds open until OWNER exits. */
export const spawnHolder = (fds, owner) => {
	const child = spawn('tail', ['-f', '/dev/null', `--pid=${owner}`], {
		stdio: ['ignore', 'ignore', 'ignore', ...fds],
	});
	return child;
};

/** Sockets (not pipes or files) in /proc/PID/fd. */
export const countSocketFds = (pid) => {
	let count = 0;
	for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
		try {
			if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) count++;
		} catch {
			// The fd closed between readdir and readlink.
		}
	}
	return count;
};

/** The holder's parent pid and command, from /proc: to tell a reused PID from our holder. */
const describe = (pid) => {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		return {comm, ppid};
	} catch {
		return null;
	}
};

/**
 * Throws unless the holder is alive, still ours, and holds `expected` sockets.
 * A mismatch is looked at twice: another program on the machine may have
 * signalled the holder (its PID then possibly reused), which says so.
 */
export const checkHolder = async (child, expected) => {
	for (let attempt = 0; ; attempt++) {
		const who = describe(child.pid);
		if (child.exitCode !== null || child.signalCode !== null || who === null || who.ppid !== process.pid) {
			throw new Error(`holder ${child.pid} is gone (exit ${child.exitCode ?? child.signalCode}; now ${who ? `${who.comm}, parent ${who.ppid}` : 'no such process'}): something else on this machine ended it`);
		}
		const held = countSocketFds(child.pid);
		if (held === expected) return;
		if (attempt === 1) throw new Error(`holder ${child.pid} (${who.comm}) holds ${held} sockets, expected ${expected}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
};
