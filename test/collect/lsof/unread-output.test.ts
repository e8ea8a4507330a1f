import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {createLsofCollector, NO_HOLDER_NOTE} from '../../../source/collect/lsof/index.js';
import {type RunTool, unreadOutput} from '../../../source/collect/lsof/run-tool.js';
import {createSockstatCollector} from '../../../source/collect/sockstat/index.js';
import {hiddenWarning} from '../../../source/components/hidden-warning.js';
import {skippedNote} from '../../../source/once.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const answering = (stdout: string): RunTool => async () => ({stdout, stderr: '', code: 0});
const lsofSnapshot = async (stdout: string) => createLsofCollector({run: answering(stdout), platform: 'linux', isRoot: true, countOtherNamespaces: () => 0}).snapshot();

describe('unreadOutput', () => {
	it("counts the parts of a tool's output socktop could not read and quotes the first, made harmless", () => {
		expect(unreadOutput('lsof', 0, 'field', undefined)).toBeNull();
		expect(unreadOutput('lsof', 1, 'field', 'x\u001B]2;PWNED\u0007')).toEqual({note: "1 field of lsof's output could not be read (e.g. 'x\\x1b]2;PWNED\\x07')", short: '1 field of lsof unread'});
		expect(unreadOutput('sockstat', 3, 'line', undefined)).toEqual({note: "3 lines of sockstat's output could not be read", short: '3 lines of sockstat unread'});
	});
});

describe('a live backend whose tool prints what socktop cannot read', () => {
	it('says so first, in --once, --json and the header, rather than show an empty table as no sockets (an lsof stand-in printing text)', async () => {
		const snapshot = await lsofSnapshot('hello world\nCOMMAND PID USER FD TYPE\n');
		expect(snapshot.sockets).toEqual([]);
		const note = "2 fields of lsof's output could not be read (e.g. 'hello world')";
		expect(snapshot.skipped.unreadableTables).toEqual([note, NO_HOLDER_NOTE]);
		expect(skippedNote(snapshot.skipped)).toBe(`${note}; ${NO_HOLDER_NOTE}`);
		expect(hiddenWarning(snapshot.skipped, 'short')).toBe('2 fields of lsof unread +1 more');
	});

	it('says the field lsof cut short (a real lsof -F output, cut mid-field) and reads the rest', async () => {
		const snapshot = await lsofSnapshot(fixture('lsof/uat-F-cut-3000.txt'));
		expect(snapshot.sockets.length).toBeGreaterThan(0);
		expect(snapshot.skipped.unreadableTables[0]).toMatch(/^1 field of lsof's output could not be read \(e\.g\. 'p\d+ f\d+ IPv4 .*cut short at/);
	});

	it("puts lsof's own complaint first where it failed and printed nothing, before the notes of what lsof never lists", async () => {
		const run: RunTool = async () => ({stdout: '', stderr: 'lsof: WARNING: can\'t stat() fuse.gvfsd-fuse file system\nmore\n', code: 1});
		const snapshot = await createLsofCollector({run, platform: 'linux', isRoot: false, countOtherNamespaces: () => 0}).snapshot();
		expect(snapshot.skipped.unreadableTables[0]).toBe("lsof: WARNING: can't stat() fuse.gvfsd-fuse file system");
		expect(snapshot.skipped.unreadableTables).toHaveLength(2);
	});

	it('says nothing more when every field was read', async () => {
		const snapshot = await lsofSnapshot(fixture('lsof/linux-4.95-pid-F0.txt'));
		expect(snapshot.skipped.malformedLines).toBe(0);
		expect(snapshot.skipped.unreadableTables).toEqual([NO_HOLDER_NOTE]);
	});

	it("says the lines of sockstat's table it could not read", async () => {
		const run: RunTool = async (_command, args) => (args.length === 0 ? {stdout: fixture('sockstat/uat-missing-columns.txt'), stderr: '', code: 0} : {stdout: '', stderr: 'usage', code: 1});
		const snapshot = await createSockstatCollector({run}).snapshot();
		expect(snapshot.skipped.malformedLines).toBeGreaterThan(0);
		expect(snapshot.skipped.unreadableTables[0]).toMatch(/^\d+ lines? of sockstat's output could not be read \(e\.g\. '/);
		expect(hiddenWarning(snapshot.skipped, 'short')).toMatch(/^\d+ lines? of sockstat unread/);
	});
});

describe('the PID view of a live backend whose tool prints what socktop cannot read', () => {
	const lsofProcess = async (platform: NodeJS.Platform, stdout: string, pid: number) =>
		createLsofCollector({run: answering(stdout), platform, readStartToken: async () => null}).process(pid);

	it("says the fields of lsof's output it could not read, as the table does, and reads the rest", async () => {
		const note = "1 field of lsof's output could not be read (e.g. 'Zjunk')";
		const plain = await lsofProcess('darwin', `${fixture('lsof/linux-4.95-pid-F0.txt')}Zjunk\n`, 31_219);
		expect(plain.unreadOutput).toBe(note);
		expect(plain.fds).toHaveLength(19);
		const withPlusE = await lsofProcess('linux', `${fixture('lsof/linux-4.95-dgram-servers-pid-E-F0.txt')}Zjunk\n`, 22_413);
		expect(withPlusE.unreadOutput).toBe(note);
	});

	it('says nothing more when every field was read', async () => {
		expect(await lsofProcess('darwin', fixture('lsof/linux-4.95-pid-F0.txt'), 31_219)).not.toHaveProperty('unreadOutput');
	});
});
