import {closeSync, openSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/collect/collector.js';
import {checkServicesFile} from '../../source/services/load.js';
import {tempDirectory} from '../helpers/temp-directory.js';

const dir = tempDirectory('services');

describe('checkServicesFile', () => {
	it('passes a readable file, and no file at all', async () => {
		const file = path.join(dir, 'services');
		writeFileSync(file, 'ssh\t22/tcp\n');
		await expect(checkServicesFile(file)).resolves.toBeUndefined();
		await expect(checkServicesFile(null)).resolves.toBeUndefined();
	});

	it('refuses a file larger than any services file with one line', async () => {
		const huge = path.join(dir, 'huge');
		// Sparse: 17 MiB that take no disk.
		closeSync(openSync(huge, 'w'));
		truncateSync(huge, 17 * 1024 * 1024);
		await expect(checkServicesFile(huge)).rejects.toThrow(new UserError(`--services ${huge}: over 16 MiB, larger than any services file`));
		// A device is not read up front (it could be a pipe's): /dev/null is an empty file, /dev/zero fails when read.
		await expect(checkServicesFile('/dev/zero')).resolves.toBeUndefined();
	});

	it('refuses a missing file with one line naming it', async () => {
		const missing = path.join(dir, 'nope');
		const check = checkServicesFile(missing);
		await expect(check).rejects.toBeInstanceOf(UserError);
		await expect(check).rejects.toThrow(`--services ${missing}: no such file`);
	});

	it('says why a path cannot be read in the words --import uses, not as an errno name', async () => {
		const file = path.join(dir, 'plain');
		writeFileSync(file, 'ssh\t22/tcp\n');
		await expect(checkServicesFile(path.join(file, 'services'))).rejects.toThrow(`--services ${path.join(file, 'services')}: not a directory`);
		const loop = path.join(dir, 'loop');
		symlinkSync(loop, loop);
		await expect(checkServicesFile(loop)).rejects.toThrow(`--services ${loop}: too many symbolic links`);
	});

	it('names SOCKTOP_SERVICES, not --services, when the file came from it', async () => {
		const missing = path.join(dir, 'nope');
		await expect(checkServicesFile(missing, 'SOCKTOP_SERVICES')).rejects.toThrow(`SOCKTOP_SERVICES=${missing}: no such file`);
		await expect(checkServicesFile(dir, 'SOCKTOP_SERVICES')).rejects.toThrow(`SOCKTOP_SERVICES=${dir}: is a directory`);
	});
});
