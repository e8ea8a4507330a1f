import process from 'node:process';

/**
 * The start time a start token tells, in milliseconds since the epoch. Off Linux
 * the token is `ps -o lstart=` text ('Fri Nov 27 03:29:03 2026', local time),
 * which Date.parse reads; on Linux it is clock ticks after boot, which needs the
 * boot time, so null (the /proc backend reports it).
 */
export function startTimeOf(token: string | null, platform: NodeJS.Platform = process.platform): number | null {
	if (token === null || platform === 'linux') {
		return null;
	}

	const time = Date.parse(token);
	return Number.isFinite(time) ? time : null;
}
