import type {RawSocket} from '../../source/collect/linux/tables.js';

/** An ESTABLISHED inet socket as a /proc table lists it (root's, nothing queued), from its two ends and inode. */
export const rawConnection = (proto: RawSocket['proto'], local: [string, number], foreign: [string, number], inode: number): RawSocket => ({
	proto,
	localAddress: local[0],
	localPort: local[1],
	foreignAddress: foreign[0],
	foreignPort: foreign[1],
	path: null,
	peerInode: null,
	peerPath: null,
	state: 'ESTABLISHED',
	uid: 0,
	inode,
	rxQueue: 0,
	txQueue: 0,
});
