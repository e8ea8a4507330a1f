/**
 * `--pid TID`: whether an ID is a thread's rather than a process's. Linux answers /proc/TID
 * for any thread though it lists only processes in /proc, and a thread's status names its
 * process (Kernel 6.18, a Python thread of PID 6005):
 *
 *   Name:	python3
 *   Tgid:	6005
 *   Pid:	6078
 */
import type {ThreadOwner} from '../../model/thread.js';
import {parseProcStatus} from './proc-status.js';
import {isFailure, readText} from './read.js';

/**
 * The process thread `id` belongs to, or null when `id` is a process's own ID (its main
 * thread), names nothing, or cannot be read: then it is asked for as it is.
 */
export function readThreadOwner(id: number): ThreadOwner | null {
	const text = readText(`/proc/${id}/status`);
	if (isFailure(text)) return null;
	const thread = parseProcStatus(text);
	if (thread.tgid === null || thread.tgid === id) return null;
	const leader = readText(`/proc/${thread.tgid}/status`);
	return {tid: id, name: thread.name, pid: thread.tgid, command: isFailure(leader) ? null : parseProcStatus(leader).name};
}
