import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../source/collect/linux/process.js';
import {formatProcessText} from '../../source/format/pid.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {isLinkLocalIpv6} from '../../source/services/link-local.js';
import {placePhrase} from '../../source/services/phrases.js';
import {hasPython, startPython} from '../helpers/tools.js';

describe('an IPv6 link-local address (fe80::/10)', () => {
	it('is told from other IPv6 addresses by its first 10 bits', () => {
		for (const address of ['fe80::1', 'FE80::fc:ff:fe00:1', 'febf::1', '[fe80::1]']) expect(isLinkLocalIpv6(address)).toBe(true);
		// fec0::/10 was site-local (deprecated); fd00::/8 is unique local; ::1 is loopback.
		for (const address of ['fec0::1', 'fd00::2', '::1', '2001:db8::1', 'fe8::1', '10.0.0.1']) expect(isLinkLocalIpv6(address)).toBe(false);
	});

	it('is said to be link-local, reachable only from the same link', () => {
		expect(placePhrase('fe80::fc:ff:fe00:1', 6)).toBe(
			'only on the link-local address fe80::fc:ff:fe00:1 (fe80::/10) — reachable only from the same link, through the interface that has it',
		);
		expect(placePhrase('fe80::1', 6, null, 'uat-a')).toBe(
			'only on the link-local address fe80::1 (fe80::/10) in network namespace uat-a — reachable only from the same link, through the interface that has it',
		);
		expect(placePhrase('fd00::2', 6)).toBe('only on the address fd00::2');
	});
});

/** This machine's link-local addresses and their interfaces, from /proc/net/if_inet6 (`fe80...0001 04 40 20 80 eth0`). */
const linkLocal = (() => {
	try {
		return readFileSync('/proc/net/if_inet6', 'utf8').split('\n').flatMap(line => {
			const [hex, , , , , name] = line.trim().split(/\s+/u);
			return hex?.startsWith('fe8') && name !== undefined ? [{address: hex.match(/.{4}/gu)!.join(':'), name}] : [];
		});
	} catch {
		return [];
	}
})();
const canRun = process.platform === 'linux' && hasPython && linkLocal.length > 0;
if (!canRun) console.warn('link-local listener test skipped: needs Linux, python3 and an interface with an fe80:: address');

const script = `
import ipaddress, socket, sys
address = str(ipaddress.IPv6Address(sys.argv[1]))
listener = socket.socket(socket.AF_INET6)
listener.bind((address, 0, 0, socket.if_nametoindex(sys.argv[2]))); listener.listen(8)
print(address, listener.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a real listener on a link-local address', () => {
	it('is explained as link-local', async () => {
		const {address, name} = linkLocal[0]!;
		const {pid, line} = await startPython(script, [address, name]);
		const [bound, port] = line.split(' ') as [string, string];
		const text = formatProcessText(await readProcessDetail(pid), {services: createStaticServiceTable([]), ephemeral: null});
		expect(text.replaceAll(/\s+/g, ' ')).toContain(
			`python3 listens for TCP connections on port ${port} (`,
		);
		expect(text).toContain(`only on the link-local address ${bound} (fe80::/10) — reachable only from the same link`);
	});
});
