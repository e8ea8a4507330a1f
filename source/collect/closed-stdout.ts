import fs from 'node:fs';

/** O_ACCMODE and O_RDWR of open(2), as /proc/PID/fdinfo's octal `flags:` line carries them. */
const accessMode = 0o3;
const readWrite = 0o2;

/**
 * Whether socktop was started with stdout closed (`socktop >&-`). Node never lets a program see
 * that: it opens /dev/null read-write on any of fds 0-2 found closed at start, so every write
 * would succeed into nothing and socktop would exit 0, where `ls >&-` and `date >&-` say "write
 * error: Bad file descriptor" and fail. Told by that stand-in: /dev/null open for reading and
 * writing (a shell's `>/dev/null` opens it write-only). Linux only (/proc); false elsewhere, and
 * for the rare `1<>/dev/null` it is true too.
 */
export function isStdoutClosedAtStart(): boolean {
	try {
		const stat = fs.fstatSync(1);
		if (!stat.isCharacterDevice() || stat.rdev !== fs.statSync('/dev/null').rdev) return false;
		const flags = /^flags:\s*([0-7]+)$/m.exec(fs.readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1];
		return flags !== undefined && (Number.parseInt(flags, 8) & accessMode) === readWrite;
	} catch {
		return false;
	}
}
