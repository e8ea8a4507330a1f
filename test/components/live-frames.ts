/** Readers of the live view's frames, for its tests. */

/** The COMMAND (or other) cell of each table row, top to bottom. */
export const tableRows = (frame: string) => {
	const lines = frame.split('\n');
	const header = lines.findIndex(line => /^(USER|COMMAND)/.test(line));
	return lines.slice(header + 1, -1).filter(line => line.trim() !== '');
};

/** The PID of each table row, top to bottom ('?' for none). */
export const pids = (frame: string) => tableRows(frame).map(line => line.match(/\s(\d+|\?)\s+(\d+|\?)\s+(tcp|udp|stream)/)?.[1] ?? '');
/** The selected (inverse) line of a raw frame, without its escapes. */
export const selectedLine = (raw: string) => raw.split('\n').find(line => line.includes('\u001B[7m'))?.replaceAll(/\u001B\[[\d;]*m/g, '') ?? '';
/** The first scan is drawn (the fixtures' sshd rows are there). */
export const isLoaded = (frame: string) => frame.includes('sshd');
