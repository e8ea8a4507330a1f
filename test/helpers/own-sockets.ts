import {readdirSync, readlinkSync} from 'node:fs';

/** This process's socket links ('socket:[123]'), sorted, as a /proc scan or lsof would see them. */
export function ownSockets(): string[] {
	return readdirSync('/proc/self/fd')
		.map(fd => {
			try {
				return readlinkSync(`/proc/self/fd/${fd}`);
			} catch {
				return '';
			}
		})
		.filter(link => link.startsWith('socket:'))
		.sort();
}
