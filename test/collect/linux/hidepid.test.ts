import {describe, expect, it} from 'vitest';
import {hidesProcesses, parseProcMount, readProcHidden} from '../../../source/collect/linux/hidepid.js';

// Lines of /proc/self/mountinfo: this machine's (kernel 6.x, no options), and inside
// `unshare -m sh -c 'mount -t proc -o hidepid=2 proc /proc'` (the kernel names the value).
const plain = '22 27 0:21 / /proc rw,relatime - proc proc rw\n27 1 0:24 / / rw,relatime - overlay overlay rw\n';
const remounted = `${plain}1450 22 0:95 / /proc rw,relatime - proc proc rw,hidepid=invisible\n`;
// An older kernel (before 5.8) prints the number, with a group exempted.
const older = '18 24 0:4 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw,hidepid=2,gid=27\n';

const user = {isRoot: false, groups: [1000]};

describe('parseProcMount', () => {
	it('reads the options of the last mount on /proc', () => {
		expect(parseProcMount(plain)).toEqual({hidepid: null, gid: null});
		expect(parseProcMount(remounted)).toEqual({hidepid: 'invisible', gid: null});
		expect(parseProcMount(older)).toEqual({hidepid: '2', gid: 27});
		expect(parseProcMount('27 1 0:24 / / rw - overlay overlay rw\n')).toBeNull();
	});

	it('ignores another file system mounted on /proc', () => {
		expect(parseProcMount('30 1 0:30 / /proc rw - tmpfs none rw,hidepid=2\n')).toBeNull();
	});
});

describe('hidesProcesses', () => {
	it('is true for hidepid=2/invisible and 4/ptraceable, for a user outside the exempt group', () => {
		for (const hidepid of ['2', 'invisible', '4', 'ptraceable']) expect(hidesProcesses({hidepid, gid: null}, user)).toBe(true);
		expect(hidesProcesses(parseProcMount(older), user)).toBe(true);
	});

	it('is false for hidepid=1 (processes are listed, then counted as unreadable), for root and for the exempt group', () => {
		expect(hidesProcesses({hidepid: '1', gid: null}, user)).toBe(false);
		expect(hidesProcesses({hidepid: 'noaccess', gid: null}, user)).toBe(false);
		expect(hidesProcesses({hidepid: null, gid: null}, user)).toBe(false);
		expect(hidesProcesses(null, user)).toBe(false);
		expect(hidesProcesses({hidepid: 'invisible', gid: null}, {isRoot: true, groups: [0]})).toBe(false);
		expect(hidesProcesses(parseProcMount(older), {isRoot: false, groups: [1000, 27]})).toBe(false);
	});

	it('reads this machine: root is never hidden from', () => {
		expect(readProcHidden({isRoot: true, groups: [0]})).toBe(false);
	});
});
