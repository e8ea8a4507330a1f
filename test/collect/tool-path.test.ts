import {existsSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import {runToFiles} from '../../source/collect/run-to-files.js';
import {checkInstalled} from '../../source/collect/lsof/run-tool.js';
import {NOT_FOUND, toolSearchPath} from '../../source/collect/tool-path.js';

describe('toolSearchPath', () => {
	it('adds /usr/sbin and /sbin after a PATH without them (cron\'s), and only the ones it lacks', () => {
		expect(toolSearchPath('/usr/bin:/bin')).toBe('/usr/bin:/bin:/usr/sbin:/sbin');
		expect(toolSearchPath('/usr/sbin:/usr/bin')).toBe('/usr/sbin:/usr/bin:/sbin');
		expect(toolSearchPath('/sbin:/usr/local/bin:/usr/sbin')).toBe('/sbin:/usr/local/bin:/usr/sbin');
	});
});

// sysctl (procps) is in /usr/sbin on Debian and RHEL alike: a tool cron's PATH does not reach.
const sbinTool = ['/usr/sbin/sysctl', '/sbin/sysctl'].find(file => existsSync(file));
if (sbinTool === undefined) console.warn('tool-path: no sysctl in /usr/sbin or /sbin, so finding a tool there is not checked');

describe('a tool run with a PATH without /usr/sbin and /sbin', () => {
	it('gets PATH with them, so that nsenter finds the ss it is to run there', async () => {
		vi.stubEnv('PATH', '/usr/bin:/bin');
		try {
			expect(await runToFiles('sh', ['-c', 'echo "$PATH"'])).toMatchObject({kind: 'exited', stdout: '/usr/bin:/bin:/usr/sbin:/sbin\n'});
		} finally {
			vi.unstubAllEnvs();
		}
	});

	it.skipIf(sbinTool === undefined)('is found in /usr/sbin or /sbin: started, and checked as installed', async () => {
		vi.stubEnv('PATH', '/nonexistent');
		try {
			expect(await runToFiles('sysctl', ['-n', 'kernel.ostype'])).toMatchObject({kind: 'exited', stdout: 'Linux\n', code: 0});
			await expect(checkInstalled('sysctl', command => `${command} ${NOT_FOUND}`)).resolves.toBeUndefined();
			await expect(checkInstalled('socktop-no-such-tool', command => `${command} ${NOT_FOUND}`)).rejects.toThrow('socktop-no-such-tool not found on PATH or in /usr/sbin, /sbin');
		} finally {
			vi.unstubAllEnvs();
		}
	});
});
