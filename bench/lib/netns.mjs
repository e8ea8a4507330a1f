/**
 * Private network namespaces for the benchmarks (root only): a namespace of
 * our own holds only the sockets the benchmark made, so other work on the
 * machine (tests opening and closing sockets) cannot change what is measured.
 */
import {execFileSync} from 'node:child_process';
import process from 'node:process';

const ip = (...args) => execFileSync('ip', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});

/** Why namespaces cannot be made here, or null. */
export const netnsSkipReason = () => {
	if (process.getuid?.() !== 0) return 'needs root to create network namespaces (ip netns add)';
	try {
		ip('netns', 'list');
	} catch (error) {
		return `ip netns does not work here: ${String(error.stderr ?? error.message).trim()}`;
	}
	return null;
};

/**
 * Creates namespaces `socktop-bench-PID-TAG-i` with loopback up. `remove()`
 * deletes them; it also runs on exit, whatever happens.
 */
export const makeNamespaces = (count, tag = 'ns') => {
	const names = Array.from({length: count}, (_, i) => `socktop-bench-${process.pid}-${tag}-${i}`);
	const remove = () => {
		for (const name of names) {
			try {
				ip('netns', 'delete', name);
			} catch {
				// Never created or already deleted.
			}
		}
	};
	process.once('exit', remove);
	for (const name of names) {
		ip('netns', 'add', name);
		ip('-n', name, 'link', 'set', 'lo', 'up');
	}
	return {names, remove};
};

/** argv run inside namespace `name` (or unchanged for null). */
export const inNetns = (name, argv) => (name ? ['ip', 'netns', 'exec', name, ...argv] : argv);


/**
 * Where a live-view benchmark puts its load: a private namespace when we are
 * root, so the load is exactly what was asked for and can be shown alone with
 * `--netns NAME` (the shared machine's churn would otherwise change rows every
 * refresh); else the host namespace. socktop itself runs in the host namespace
 * and still reads every namespace's tables and walks every /proc/<pid>/fd.
 */
export const isolate = (tag) => {
	const reason = netnsSkipReason();
	if (reason) return {netns: null, note: `host namespace (${reason})`, remove: () => {}};
	const {names, remove} = makeNamespaces(1, tag);
	return {netns: names[0], note: `private network namespace ${names[0]}`, remove};
};
