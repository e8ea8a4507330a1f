// Run by not-root.test.ts as an unprivileged user (setpriv ... node --import tsx as-user.mts):
// opens a listener of its own, takes a snapshot, prints a summary as one JSON line.
import net from 'node:net';
import {once} from 'node:events';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';

const server = net.createServer();
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const {port} = server.address() as net.AddressInfo;
// A port of root's to connect to, when given: the connection's other end is a socket nobody cannot trace to its process.
const rootPort = Number(process.argv[2] ?? 0);
const client = rootPort > 0 ? net.connect(rootPort, '127.0.0.1') : null;
if (client !== null) await once(client, 'connect');
const clientPort = client?.localPort ?? null;
// And a unix socket of root's, when given: the other end of that connection is hidden the same way.
const rootPath = process.argv[3];
const unixClient = rootPath === undefined ? null : net.connect(rootPath);
if (unixClient !== null) await once(unixClient, 'connect');
const unixFd = (unixClient as unknown as {_handle?: {fd?: number}} | null)?._handle?.fd ?? null;
const snapshot = await readLinuxSnapshot();
// The PID view of its own process: what a user without root sees of their own programs.
const detail = await readProcessDetail(process.pid);
server.close();
client?.destroy();
unixClient?.destroy();
process.stdout.write(`${JSON.stringify({pid: process.pid, port, clientPort, unixFd, skipped: snapshot.skipped, namespacesRead: snapshot.namespacesRead, sockets: snapshot.sockets, detail})}\n`);
