import fs from 'node:fs';
import tty from 'node:tty';

/**
 * The controlling terminal, for keys when stdin is a pipe (`ss -tunap | socktop
 * --import -`), as less and fzf read it; null when there is none (cron, CI).
 */
export function openControllingTerminal(): NodeJS.ReadStream | null {
	try {
		return new tty.ReadStream(fs.openSync('/dev/tty', 'r')) as NodeJS.ReadStream;
	} catch {
		return null;
	}
}
