import type {LsofFile} from './fields.js';

/** One end +E names after a file's NAME (Linux lsof): the process, command and fd holding it, and its access mode. */
export type Endpoint = {
	readonly pid: number;
	readonly command: string;
	readonly fd: number;
	readonly access: string;
};

/** `22455,python3,3u`; lsof 4.95 leaves the command empty under +c 0 (`22455,,3u`). */
const endpointToken = /^(\d{1,10}),([^,\s]*),(\d{1,10})([rwu]?)$/u;

/**
 * The TYPEs whose NAME +E extends (Lsof.8 `+|-E`; lsof-org/lsof dialects/linux/tests/case-20-*-endpoint.bash),
 * and whether an endpoint holds this very file (the same inode) or the other side of it:
 *   FIFO     npipe 22412,,1w 22455,,0r                     every other holder of a pipe or named FIFO, either end
 *   unix     ntype=STREAM ->INO=34545546 17866,,9u          the holders of the peer socket
 *   IPv4/6   n127.0.0.1:45214->127.0.0.1:7100 19765,,8u     those of a loopback connection's other end
 *   CHR      n/dev/ptmx ->/dev/pts/1 17813,,13u 17866,,13u  a pty's other side
 *   a_inode  n[eventfd:13] 17866,,11u                       the other holders of an eventfd
 *   PSXMQ    n/mq 17866,,14u                                the other holders of a POSIX message queue
 * Any other NAME is the file's own, however it ends: `/tmp/evil 1,init,3u` is a file so named.
 */
const endpointTypes: Readonly<Record<string, {readonly isSameFile: boolean}>> = {
	FIFO: {isSameFile: true},
	unix: {isSameFile: false},
	IPv4: {isSameFile: false},
	IPv6: {isSameFile: false},
	CHR: {isSameFile: false},
	a_inode: {isSameFile: true},
	PSXMQ: {isSameFile: true},
};

/** Whether +E may append endpoints to a file of this TYPE's NAME (endpointTypes). */
export const isExtendedByPlusE = (type: string | null): boolean => type !== null && Object.hasOwn(endpointTypes, type);

/** A file of the same lsof output, by its process and fd; undefined when lsof did not list it. */
export type ListedFile = (pid: number, fd: number) => LsofFile | undefined;

/**
 * A NAME without what +E added, and the endpoints it named, read from the right:
 *   f5  n/tmp/hn/fifo 1,init,3w 17866,,5w   (17866's fd 5 is the FIFO's other holder; `1,init,3w` is part of its name)
 * A token counts only on a TYPE +E extends, and only when lsof listed that process's fd, holding the
 * same inode where the endpoint holds this same file: +E prints each endpoint's file too, so a
 * name that merely ends like an endpoint (a named FIFO's, a message queue's) keeps its words.
 */
export function splitEndpoints(file: LsofFile, listed: ListedFile): {readonly base: string; readonly endpoints: readonly Endpoint[]} {
	const name = file.name ?? '';
	const kind = endpointTypes[file.type ?? ''];
	if (kind === undefined) {
		return {base: name, endpoints: []};
	}

	const tokens = name.split(' ');
	const endpoints: Endpoint[] = [];
	while (tokens.length > 1) {
		const match = endpointToken.exec(tokens.at(-1)!);
		if (match === null) break;
		const endpoint = {pid: Number(match[1]), command: match[2]!, fd: Number(match[3]), access: match[4]!};
		const other = listed(endpoint.pid, endpoint.fd);
		if (other === undefined || (kind.isSameFile && (file.inode === null || other.inode !== file.inode))) break;
		tokens.pop();
		endpoints.unshift(endpoint);
	}

	return {base: tokens.join(' '), endpoints};
}
