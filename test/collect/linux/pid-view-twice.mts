// Run by interfaces.test.ts under strace: reads the PID view of argv[2] twice and prints the
// second one's packet sockets (fd and what the view says of it) as one JSON line.
import process from 'node:process';
import {readProcessDetail} from '../../../source/collect/linux/process.js';

const pid = Number(process.argv[2]);
await readProcessDetail(pid);
const {fds} = await readProcessDetail(pid);
const packets = fds.filter(fd => fd.other?.family === 'packet').map(fd => ({fd: fd.fd, other: fd.other}));
process.stdout.write(`${JSON.stringify(packets)}\n`);
process.exit(0);
