import {describe, expect, it} from 'vitest';
import {createCollector, defaultBackend} from '../../source/collect/index.js';
import {UserError} from '../../source/collect/collector.js';
import {defaultFilters, type Options} from '../../source/options.js';

const options = (overrides: Partial<Options> = {}): Options => ({
	filters: defaultFilters,
	interval: 2,
	once: true,
	json: false,
	pidView: null,
	backend: 'auto',
	importFile: null,
	servicesFile: null,
	ephemeral: null,
	color: false,
	...overrides,
});

describe('createCollector', () => {
	it('picks the backend from one platform table', () => {
		expect(defaultBackend('linux')).toBe('proc');
		expect(defaultBackend('darwin')).toBe('lsof');
		expect(defaultBackend('freebsd')).toBe('sockstat');
		expect(defaultBackend('win32')).toBeNull();
	});

	it('names the supported platforms where there is no backend', async () => {
		const attempt = createCollector(options(), 'win32');
		await expect(attempt).rejects.toThrow(UserError);
		await expect(attempt).rejects.toThrow(
			'no backend for platform win32; socktop supports Linux (/proc), macOS (lsof) and FreeBSD (sockstat); elsewhere try --backend lsof or --import FILE',
		);
	});

	it.skipIf(process.platform !== 'linux')('gives Linux the /proc backend, and --backend overrides it', async () => {
		expect((await createCollector(options())).name).toBe('proc');
		expect((await createCollector(options({backend: 'lsof'}))).name).toBe('lsof');
	});

	it('refuses --backend import without a file', async () => {
		await expect(createCollector(options({backend: 'import'}))).rejects.toThrow('--backend import needs --import FILE');
	});
});
