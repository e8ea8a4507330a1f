// Run by not-root.test.ts as an unprivileged user (setpriv ... node --import tsx denied-as-user.mts PID...): walks the
// processes given (another user's: denied) on this thread, then on the helper thread, and prints as one JSON line
// the paths each walk stat'ed here (the helper's, with withExitedDenials after it) and the helper's scans.
import fs from 'node:fs';
import process from 'node:process';
import {withExitedDenials} from '../../../source/collect/linux/exiting.js';
import {helpWalk, releaseHelper} from '../../../source/collect/linux/fd-worker.js';
import {startProcessWalk} from '../../../source/collect/linux/fds.js';

const pids = process.argv.slice(2);
const stats: string[] = [];
const {statSync} = fs;
Object.assign(fs, {statSync: (...args: Parameters<typeof statSync>) => (stats.push(String(args[0])), statSync(...args))});
// Too few processes for a helper: this thread walks them.
const walk = await startProcessWalk(undefined, {pids, isParallel: false}).finish();
const walkStats = stats.splice(0);
const scans = await helpWalk(pids, new Int32Array(new SharedArrayBuffer(4))).scans;
releaseHelper();
const settled = withExitedDenials(pids, scans ?? []);
process.stdout.write(`${JSON.stringify({denied: walk.deniedProcesses, walkStats, scans: settled, helperStats: stats})}\n`);
