import {writeFileSync} from 'node:fs';
import path from 'node:path';

/**
 * An `ss -tanp` capture of `count` connections of one process (python3, PID 4242, fds from 3), written
 * in `directory`; returns its path. 3,000 print far more than a pipe holds (64 KiB): socktop is
 * still writing when a reader (less) stops reading.
 */
export function writeBigCapture(directory: string, count: number): string {
	const file = path.join(directory, 'ss-tanp.txt');
	const rows = Array.from({length: count}, (_, index) => `ESTAB  0      0          127.0.0.1:${10_000 + index}  127.0.0.1:8799  users:(("python3",pid=4242,fd=${index + 3}))`);
	writeFileSync(file, `State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n${rows.join('\n')}\n`);
	return file;
}
