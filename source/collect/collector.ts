import type {ProcessDetail} from '../model/process.js';
import type {BackendName, Snapshot} from '../model/types.js';

/**
 * One backend: the only code that does I/O. Every call returns plain data;
 * expected failures (vanished processes, permission errors, malformed lines)
 * are counted in the result, never thrown.
 */
export type Collector = {
	readonly name: BackendName;
	/** Every socket on the machine, one row per holder. */
	snapshot(): Promise<Snapshot>;
	/** Every fd of one process, for the PID view. */
	process(pid: number): Promise<ProcessDetail>;
};

/** A user-facing failure (missing tool, unsupported platform): one line, exit code 2. */
export class UserError extends Error {
	override readonly name = 'UserError';
}
