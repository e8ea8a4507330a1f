// Run by not-root.test.ts as an unprivileged user (setpriv ... node --import tsx as-user.mts):
// opens a listener of its own, takes a snapshot, prints a summary as one JSON line.
import net from 'node:net';
import {once} from 'node:events';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';

const server = net.createServer();
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const {port} = server.address() as net.AddressInfo;
const snapshot = await readLinuxSnapshot();
server.close();
process.stdout.write(`${JSON.stringify({pid: process.pid, port, skipped: snapshot.skipped, sockets: snapshot.sockets})}\n`);
