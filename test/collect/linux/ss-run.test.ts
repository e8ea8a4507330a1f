import {readdirSync, readlinkSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runSsUnix} from '../../../source/collect/linux/peers.js';
import {hasSs} from '../../helpers/tools.js';


if (!hasSs) {
	console.warn('skipping the ss -xH run test: ss (iproute2) is not installed');
}

/** This process's socket fds, as the scan would see them. */
const ownSockets = () =>
	readdirSync('/proc/self/fd')
		.map(fd => {
			try {
				return readlinkSync(`/proc/self/fd/${fd}`);
			} catch {
				return '';
			}
		})
		.filter(link => link.startsWith('socket:'))
		.sort();

describe('runSsUnix', () => {
	it.skipIf(!hasSs)('asks ss without opening sockets of its own that a scan running meanwhile would list', async () => {
		const before = ownSockets();
		const running = runSsUnix();
		const during = ownSockets();
		const text = await running;
		expect(during).toEqual(before);
		expect(text).not.toBeNull();
		expect(text!.split('\n').filter(line => line.startsWith('u_')).length).toBeGreaterThan(0);
	});
});
