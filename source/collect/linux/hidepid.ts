/**
 * Whether /proc hides other users' processes from this scan (mount option
 * hidepid=2/invisible or 4/ptraceable). Then their /proc/<pid> directories do
 * not exist for us: nothing is denied, nothing is counted, and without this
 * check the table would silently look complete.
 */
import {isFailure, readText} from './read.js';

/** The /proc mount's hiding options, as /proc/self/mountinfo lists them. */
export type ProcMount = {
	/** '0'/'off', '1'/'noaccess', '2'/'invisible' or '4'/'ptraceable'; null when not set. */
	readonly hidepid: string | null;
	/** gid=N: members of this group see every process anyway. */
	readonly gid: number | null;
};

/** Values under which another user's process has no /proc/<pid> at all (1/noaccess still lists it, unreadable). */
const HIDING = new Set(['2', 'invisible', '4', 'ptraceable']);

/**
 * The options of the mount on /proc, from /proc/self/mountinfo text; the last
 * one wins, as a later mount covers an earlier one. Null when /proc is not listed.
 * A line (kernel 5.8+ names the value; older kernels print hidepid=2):
 * `25 30 0:23 / /proc rw,nosuid,nodev,noexec,relatime shared:14 - proc proc rw,hidepid=invisible`
 */
export function parseProcMount(mountinfo: string): ProcMount | null {
	let found: ProcMount | null = null;
	for (const line of mountinfo.split('\n')) {
		const fields = line.split(' ');
		if (fields[4] !== '/proc') {
			continue;
		}

		// Optional fields (shared:N ...) end at '-'; then the type, the source and the superblock options.
		const dash = fields.indexOf('-', 6);
		if (dash === -1 || fields[dash + 1] !== 'proc') {
			continue;
		}

		let hidepid: string | null = null;
		let gid: number | null = null;
		for (const option of (fields[dash + 3] ?? '').split(',')) {
			const [name, value] = option.split('=');
			if (name === 'hidepid' && value !== undefined) {
				hidepid = value;
			} else if (name === 'gid' && value !== undefined && /^\d+$/.test(value)) {
				gid = Number(value);
			}
		}

		found = {hidepid, gid};
	}

	return found;
}

/** Who is scanning: root (or the exempt group) sees every process whatever the mount says. */
export type Viewer = {readonly isRoot: boolean; readonly groups: readonly number[]};

/** True when the mount hides other users' processes from this viewer. */
export function hidesProcesses(mount: ProcMount | null, viewer: Viewer): boolean {
	if (mount === null || mount.hidepid === null || !HIDING.has(mount.hidepid) || viewer.isRoot) {
		return false;
	}

	return mount.gid === null || !viewer.groups.includes(mount.gid);
}

/** The running process as a Viewer. */
function currentViewer(): Viewer {
	return {isRoot: process.geteuid?.() === 0, groups: [process.getegid?.() ?? -1, ...(process.getgroups?.() ?? [])]};
}

/** Reads /proc/self/mountinfo; an unreadable one (a container without it) hides nothing we can tell. */
export function readProcHidden(viewer: Viewer = currentViewer()): boolean {
	const text = readText('/proc/self/mountinfo');
	return isFailure(text) ? false : hidesProcesses(parseProcMount(text), viewer);
}
