import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync} from 'node:fs';

/** /proc/PID/stat's state letter, or null once the PID is gone. */
export function stateOf(pid: number): string | null {
	try {
		return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? null;
	} catch {
		return null;
	}
}

const comm = (pid: number): string | null => {
	try {
		return readFileSync(`/proc/${pid}/comm`, 'utf8');
	} catch {
		return null;
	}
};

/**
 * A real zombie (Linux): sh forks a child sh that exits half a second later, after its parent has
 * become `sleep 60`, which never waits for it. (A child that exited at once could be reaped by the
 * shell before its exec, and then there is no zombie to find.) Resolves once /proc says Z, with the
 * zombie's PID and its parent, the sleep, which the caller kills.
 */
export async function startZombie(): Promise<{readonly pid: number; readonly parent: ChildProcess}> {
	const parent = spawn('sh', ['-c', 'sh -c "sleep 0.5; exit 0" & echo $!; exec sleep 60'], {stdio: ['ignore', 'pipe', 'ignore']});
	const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
	const pid = Number(chunk.toString().trim());
	for (let tries = 0; stateOf(pid) !== 'Z' || comm(parent.pid!) !== 'sleep\n'; tries++) {
		if (tries > 250) {
			parent.kill('SIGKILL');
			throw new Error(`no zombie: process ${pid} is in state ${stateOf(pid) ?? 'gone'}`);
		}

		await new Promise(resolve => setTimeout(resolve, 20));
	}

	return {pid, parent};
}
