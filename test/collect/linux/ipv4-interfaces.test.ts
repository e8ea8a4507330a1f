import {describe, expect, it} from 'vitest';
import {createIpv4Memory, parseIpv4Addresses, readIpv4Interfaces} from '../../../source/collect/linux/ipv4-interfaces.js';
import {NAMESPACE_ANSWER_MS} from '../../../source/collect/linux/namespace-memory.js';

// A real listener's interface is asked of ip in test/services/link-local.test.ts.
// `ip -o -4 addr show` as iproute2 6.1 prints it: 169.254.9.9 is on two interfaces.
const output = `1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
3: llv0    inet 10.99.0.1/24 scope global llv0\\       valid_lft forever preferred_lft forever
3: llv0    inet 169.254.7.7/16 scope global llv0\\       valid_lft forever preferred_lft forever
3: llv0    inet 169.254.9.9/16 scope global secondary llv0:1\\       valid_lft forever preferred_lft forever
4: llv1    inet 169.254.9.9/16 brd 169.254.255.255 scope link llv1\\       valid_lft forever preferred_lft forever
`;

describe('ip -o -4 addr show', () => {
	it('gives each IPv4 address the interfaces that have it (the device, not an alias label)', () => {
		expect(Object.fromEntries(parseIpv4Addresses(output))).toEqual({
			'127.0.0.1': ['lo'],
			'10.99.0.1': ['llv0'],
			'169.254.7.7': ['llv0'],
			'169.254.9.9': ['llv0', 'llv1'],
		});
		expect(parseIpv4Addresses('\nnot a line\n5: eth0    inet6 fe80::1/64 scope link\n').size).toBe(0);
	});

	it('is not run for a process without a socket on an IPv4 link-local address, nor where it cannot answer for its namespace', async () => {
		const query = (localAddress: string) => ({fd: 3, link: 'socket:[1]', socket: {localAddress} as never});
		expect(await readIpv4Interfaces([query('10.0.0.1'), {fd: 4, link: 'pipe:[2]', socket: null}], null)).toEqual(new Map());
		// Another namespace without root: ip here would answer for socktop's own.
		expect(await readIpv4Interfaces([query('169.254.7.7')], undefined)).toEqual(new Map());
	});

	it('is run once over a PID view\'s refreshes, again when an address it was not asked about appears or its answer is 30 s old', async () => {
		const query = (localAddress: string) => ({fd: 3, link: 'socket:[1]', socket: {localAddress} as never});
		const asked: Array<number | null> = [];
		const ask = async (ipIn: number | null) => {
			asked.push(ipIn);
			return output;
		};

		const memory = createIpv4Memory();
		const refresh = async (addresses: readonly string[], time: number, ipIn: number | null = null, namespace: number | null = null) =>
			readIpv4Interfaces(addresses.map(address => query(address)), ipIn, {memory, namespace, time, ask});
		// Refreshes every 2 s: one run.
		for (let time = 0; time < 20_000; time += 2000) expect((await refresh(['169.254.7.7'], time)).get('169.254.7.7')).toEqual(['llv0']);
		expect(asked).toEqual([null]);
		// A socket on an address not asked about: asked again, then that answer stands for both, and for one.
		await refresh(['169.254.7.7', '169.254.9.9'], 20_000);
		await refresh(['169.254.7.7', '169.254.9.9'], 22_000);
		await refresh(['169.254.9.9'], 24_000);
		expect(asked).toEqual([null, null]);
		// 30 s after that run: asked again, as an address may have moved meanwhile.
		await refresh(['169.254.9.9'], 20_000 + NAMESPACE_ANSWER_MS);
		expect(asked).toEqual([null, null, null]);
		// Another namespace (through nsenter, by a PID in it): an answer of its own; a second PID in it shares it.
		await refresh(['169.254.7.7'], 51_000, 4242, 4_026_532_676);
		await refresh(['169.254.7.7'], 52_000, 4243, 4_026_532_676);
		expect(asked).toEqual([null, null, null, 4242]);
		// Without a socket on such an address, not asked and not kept.
		await refresh(['10.0.0.1'], 53_000);
		expect(asked).toHaveLength(4);
		// Answers past their time are dropped, so namespaces gone since are not kept.
		await refresh(['169.254.7.7'], 200_000);
		expect([...memory.keys()]).toEqual(['here']);
	});

	it('is run on every read without a memory (a one-shot read, and readProcessDetail in tests)', async () => {
		let runs = 0;
		const ask = async () => {
			runs++;
			return output;
		};

		for (let read = 0; read < 3; read++) await readIpv4Interfaces([{fd: 3, link: 'socket:[1]', socket: {localAddress: '169.254.7.7'} as never}], null, {ask});
		expect(runs).toBe(3);
	});
});

