// Run by zombie-leader.test.ts as an unprivileged user (setpriv ... node --import tsx helper-as-user.mts PID):
// the helper thread walks one process, and its scan is printed as one JSON line.
import process from 'node:process';
import {helpWalk, releaseHelper} from '../../../source/collect/linux/fd-worker.js';

const scans = await helpWalk([process.argv[2]!], new Int32Array(new SharedArrayBuffer(4))).scans;
releaseHelper();
process.stdout.write(`${JSON.stringify(scans)}\n`);
