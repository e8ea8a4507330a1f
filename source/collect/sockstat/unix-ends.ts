import type {FileDescriptor} from '../../model/process.js';
import {isUnixProto, type Socket} from '../../model/types.js';

/**
 * A PID view's unix sockets with their ends as sockstat reads them. `procstat -f` prints one
 * name for a unix socket, its own path or, when it has none, its peer's
 * (usr.bin/procstat/procstat_files.c: "the first non-nul address"), so a client such as
 * devd's socket connected to /var/run/logpriv would read as bound there, receiving datagrams
 * and listening. Sockstat's row of the same PID and fd says which end the name is; a socket
 * sockstat did not list (it failed, or the fd changed between the two runs) keeps procstat's.
 */
export function withSockstatUnixEnds(fds: readonly FileDescriptor[], sockets: readonly Socket[], pid: number): FileDescriptor[] {
	const rows = new Map(sockets.filter(socket => socket.pid === pid && isUnixProto(socket.proto)).map(socket => [socket.fd, socket]));
	return fds.map(fd => {
		const socket = fd.socket;
		const row = socket !== null && isUnixProto(socket.proto) ? rows.get(fd.fd) : undefined;
		if (socket === null || row === undefined || row.proto !== socket.proto) return fd;
		return {...fd, socket: {...socket, path: row.path, peerPath: row.peerPath, peerInode: row.peerInode, state: row.state}};
	});
}
