/**
 * The holder list of an `ss -p` line, `users:(("sshd",pid=185,fd=4),("sshd",pid=190,fd=4))`:
 * where it starts and ends on the line (a name may hold spaces, tabs and even a newline),
 * and the (command, pid, fd) of each holder in it.
 */

/** Where the list starts: ss puts it after a space. */
const LIST = ' users:((';

export type Holder = {readonly command: string; readonly pid: number; readonly fd: number};

/**
 * The holders in `"sshd",pid=185,fd=4),("sshd",pid=190,fd=4` (what is inside
 * `users:((...))`). ss prints names raw, quotes and backslashes included, but
 * never a ')': it reads them from /proc/PID/stat up to the first one. So the
 * list splits at '),(' and each name runs from the first quote to the last '",'.
 * Before iproute2 3.x the keys were missing: `"firefox",20586,118`.
 */
function holdersOf(list: string): Holder[] {
	const holders: Holder[] = [];
	for (const entry of list.split('),(')) {
		const match = /^"(.*)",(?:pid=)?(\d{1,10}),(?:fd=)?(\d{1,10})$/s.exec(entry);
		if (match !== null) holders.push({command: match[1]!, pid: Number(match[2]), fd: Number(match[3])});
	}

	return holders;
}

/**
 * A line cut into what comes before ` users:((`, the holder list, and what comes
 * after (-e's `ino:` and `uid:`), so names keep their own spaces and tabs.
 */
export function splitLine(line: string): {head: string; holders: Holder[]; tail: string} {
	const start = line.indexOf(LIST);
	if (start === -1) return {head: line, holders: [], tail: ''};
	// No name holds a ')', so the list ends at the first '))'; a line cut short keeps what it has.
	const end = line.indexOf('))', start);
	return {
		head: line.slice(0, start),
		holders: holdersOf(line.slice(start + LIST.length, end === -1 ? line.length : end)),
		tail: end === -1 ? '' : line.slice(end + 2),
	};
}

/** True when the line stops inside `users:((...`, before the list's '))'. */
export const isCutInHolders = (line: string): boolean => {
	const start = line.indexOf(LIST);
	return start !== -1 && !line.includes('))', start);
};
