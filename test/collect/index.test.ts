import {describe, expect, it} from 'vitest';
import {createCollector, defaultBackend} from '../../source/collect/index.js';
import {UserError} from '../../source/collect/collector.js';
import {testOptions} from '../helpers/options.js';
import {loadIpProtocolTable} from '../../source/services/ip-protocol-table.js';
import {createServiceTable} from '../../source/services/table.js';

const names = {services: createServiceTable({file: null}), ipProtocols: loadIpProtocolTable};
if (process.platform !== 'linux') console.warn('createCollector test of the Linux backend skipped: Linux only');

describe('createCollector', () => {
	it('picks the backend from one platform table', () => {
		expect(defaultBackend('linux')).toBe('proc');
		expect(defaultBackend('darwin')).toBe('lsof');
		expect(defaultBackend('freebsd')).toBe('sockstat');
		expect(defaultBackend('win32')).toBeNull();
	});

	it('names the supported platforms where there is no backend', async () => {
		const attempt = createCollector(testOptions(), names, 'win32');
		await expect(attempt).rejects.toThrow(UserError);
		await expect(attempt).rejects.toThrow(
			'no backend for platform win32; socktop supports Linux (/proc), macOS (lsof) and FreeBSD (sockstat); elsewhere try --backend lsof or --import FILE',
		);
	});

	it.skipIf(process.platform !== 'linux')('gives Linux the /proc backend, and --backend overrides it', async () => {
		expect((await createCollector(testOptions(), names)).name).toBe('proc');
		expect((await createCollector(testOptions({backend: 'lsof'}), names)).name).toBe('lsof');
	});

	it('refuses --backend import without a file', async () => {
		await expect(createCollector(testOptions({backend: 'import'}), names)).rejects.toThrow('--backend import needs --import FILE');
	});
});
