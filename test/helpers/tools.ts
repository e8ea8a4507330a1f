import {spawnSync} from 'node:child_process';

/** ss (iproute2): the oracle, and the only source of unix peers. Tests that need it skip, saying why, without it. */
export const hasSs = spawnSync('ss', ['-V'], {stdio: 'ignore'}).status === 0;

/** python3, which some tests run to open sockets Node cannot (netlink, packet) or to name processes. */
export const hasPython = spawnSync('python3', ['--version'], {stdio: 'ignore'}).status === 0;
