import {describe, expect, it} from 'vitest';
import {runSsUnix} from '../../../source/collect/linux/peers.js';
import {ownSockets} from '../../helpers/own-sockets.js';
import {hasSs} from '../../helpers/tools.js';


if (!hasSs) {
	console.warn('skipping the ss -xH run test: ss (iproute2) is not installed');
}

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
