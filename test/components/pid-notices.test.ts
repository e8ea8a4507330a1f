import {describe, expect, it} from 'vitest';
import {MISSING_SS} from '../../source/collect/linux/tools.js';
import {killGoneText, noticeStyle, pidNotices} from '../../source/components/pid-notices.js';
import {createTheme} from '../../source/theme.js';
import {detailOf, sshdInfo} from './pid-fixtures.js';

/** A live process read once, with nothing to say about it. */
const live = detailOf();
const quiet = {pid: 812, width: 100, isGone: false, shown: live, lastAlive: live, reusedBy: null, zombieOf: undefined, error: null, status: null} as const;
/** An escape a hostile name or message could carry, and how it is shown. */
const HOSTILE = 'x\u001B]0;pwned\u0007';
const SHOWN = 'x\\x1b]0;pwned\\x07';

describe('pidNotices', () => {
	it('says nothing about a live process read without trouble', () => {
		expect(pidNotices(quiet)).toEqual([]);
	});

	it('says what --pid asked besides the PID (a thread\'s process), as news, after a banner and before what could not be read', () => {
		const asked = ['PID 815 is a thread of 812 (sshd); showing the process'];
		expect(pidNotices({...quiet, asked})).toEqual([{text: asked[0], kind: 'news'}]);
		const texts = pidNotices({...quiet, asked, isGone: true, shown: detailOf([], {denied: 'denied'})}).map(notice => notice.text);
		expect(texts).toEqual(['Process 812 has exited; its last known FDs are shown dimmed.', asked[0], 'denied']);
	});

	describe('the banner of a process that is gone', () => {
		const gone = {...quiet, isGone: true};
		const text = (facts: Partial<Parameters<typeof pidNotices>[0]>) => pidNotices({...gone, ...facts}).map(notice => notice.text);

		it('a PID never seen alive may never have existed', () => {
			expect(pidNotices({...gone, shown: null, lastAlive: null})).toEqual([{text: 'No process 812: it has exited or never existed.', kind: 'gone'}]);
		});

		it('one that exited while viewed: its last known FDs stay, dimmed', () => {
			expect(text({})).toEqual(['Process 812 has exited; its last known FDs are shown dimmed.']);
		});

		it('a zombie: its parent has not collected it, named when known', () => {
			expect(text({zombieOf: 640})).toEqual([
				'Process 812 has exited; its parent (PID 640) has not collected its exit status yet (a zombie); its last known FDs are shown dimmed.',
			]);
			// A zombie from the start: its own entry is shown, there are no last FDs to speak of.
			const zombie = detailOf([], {process: {...sshdInfo, state: 'Z (zombie)'}});
			expect(text({zombieOf: null, shown: zombie, lastAlive: null})).toEqual(['Process 812 has exited; its parent has not collected its exit status yet (a zombie).']);
		});

		it('the PID taken by another process, whose name is made harmless', () => {
			expect(text({reusedBy: 'sshd'})).toEqual(['Process 812 has exited; PID 812 now belongs to another process (sshd); its last known FDs are shown dimmed.']);
			// Never seen alive, yet the PID has an owner: the exited wording, not "never existed".
			expect(text({shown: null, lastAlive: null, reusedBy: HOSTILE})).toEqual([`Process 812 has exited; PID 812 now belongs to another process (${SHOWN}).`]);
		});

		it('the process of a table\'s row (Enter), never read alive: it existed, named as the row named it', () => {
			expect(text({shown: null, lastAlive: null, rowCommand: HOSTILE})).toEqual([`Process 812 (${SHOWN}) has exited.`]);
			expect(text({shown: null, lastAlive: null, rowCommand: 'nginx', reusedBy: 'cc1'})).toEqual(['Process 812 (nginx) has exited; PID 812 now belongs to another process (cc1).']);
			// Read alive, the title names it: the banner does not.
			expect(text({rowCommand: 'nginx'})).toEqual(['Process 812 has exited; its last known FDs are shown dimmed.']);
		});

		it('a row\'s process the row check could not tell from the one at its PID now (no start time): not said to have exited (a warning)', () => {
			const unsure = {kind: 'renamed', isAgeKnown: false} as const;
			expect(pidNotices({...gone, shown: null, lastAlive: null, rowCommand: 'run.sh', reusedBy: HOSTILE, unsure})).toEqual([
				{text: `socktop cannot tell whether PID 812, which now runs ${SHOWN}, is the row's run.sh after exec or another process (no start time here), so shows none of its FDs.`, kind: 'warning'},
			]);
			// On Linux, one that started as the table's scan ended (the row's, forked then, may have exec'd since).
			expect(text({shown: null, lastAlive: null, rowCommand: 'bash', reusedBy: 'python3', unsure: {kind: 'renamed', isAgeKnown: true}})).toEqual([
				'socktop cannot tell whether PID 812, which now runs python3, is the row\'s bash after exec or another process (it started as the table was read), so shows none of its FDs.',
			]);
			// Once none has the PID, the row's process has left it, whichever it was.
			expect(text({shown: null, lastAlive: null, rowCommand: 'run.sh', unsure})).toEqual(['Process 812 (run.sh) has exited.']);
			expect(killGoneText(812, true, 'python3', {of: 'run.sh', renamed: unsure})).toBe("Not sending: socktop cannot tell whether PID 812, which now runs python3, is the row's run.sh after exec or another process (no start time here).");
			expect(killGoneText(812, true, 'python3', null)).toBe('Process 812 has exited; there is nothing to signal.');
		});
	});

	it('says what could not be read (a warning), made harmless', () => {
		expect(pidNotices({...quiet, shown: detailOf([], {denied: `Permission denied: ${HOSTILE}`})})).toEqual([{text: `Permission denied: ${SHOWN}`, kind: 'warning'}]);
	});

	it('says what of the tool\'s output could not be read (a warning), as the table\'s header does, made harmless', () => {
		const shown = detailOf([], {unreadOutput: `1 field of lsof's output could not be read (e.g. '${HOSTILE}')`});
		expect(pidNotices({...quiet, shown})).toEqual([{text: `1 field of lsof's output could not be read (e.g. '${SHOWN}')`, kind: 'warning'}]);
	});

	it('names a missing tool (a warning), without its package where the line would not fit', () => {
		const shown = detailOf(undefined, {missingTools: [MISSING_SS, HOSTILE]});
		expect(pidNotices({...quiet, shown, width: MISSING_SS.length})).toEqual([
			{text: 'unix peers and queues: ss (iproute2) not found on PATH or in /usr/sbin, /sbin', kind: 'warning'},
			{text: SHOWN, kind: 'warning'},
		]);
		expect(pidNotices({...quiet, shown, width: MISSING_SS.length - 1}).map(notice => notice.text)).toEqual(['unix peers and queues: ss not found on PATH or in /usr/sbin, /sbin', SHOWN]);
	});

	it('says a process runs an old program, its file replaced since it started (a warning), while it is alive', () => {
		const shown = detailOf([], {process: {...sshdInfo, exe: '/usr/sbin/sshd (deleted)', exeGone: 'replaced'}});
		expect(pidNotices({...quiet, shown})).toEqual([
			{text: '/usr/sbin/sshd was replaced since sshd started (a package upgrade?): it still runs the old program; restart it to run the new one.', kind: 'warning'},
		]);
		// Gone, its last read is shown dimmed: what it ran no longer needs a restart.
		expect(pidNotices({...quiet, shown, isGone: true}).map(notice => notice.text)).toEqual(['Process 812 has exited; its last known FDs are shown dimmed.']);
	});

	it('says a read failed (an error) and what the last key did (news), made harmless', () => {
		expect(pidNotices({...quiet, error: HOSTILE, status: `Sent: ${HOSTILE}`})).toEqual([
			{text: `Could not read PID 812: ${SHOWN}`, kind: 'error'},
			{text: `Sent: ${SHOWN}`, kind: 'news'},
		]);
	});

	it('says everything at once in order: the banner, what could not be read, missing tools, a failed read, the last key', () => {
		const shown = detailOf([], {denied: 'Permission denied.', missingTools: [MISSING_SS]});
		const notices = pidNotices({...quiet, isGone: true, shown, error: 'EIO', status: 'Cancelled: no signal sent.'});
		expect(notices.map(notice => notice.text)).toEqual([
			'Process 812 has exited; its last known FDs are shown dimmed.',
			'Permission denied.',
			MISSING_SS,
			'Could not read PID 812: EIO',
			'Cancelled: no signal sent.',
		]);
	});

	it('are drawn in the screen\'s theme: gone and an error red, a warning yellow, news in the terminal\'s own; bold without colours', () => {
		const kinds = ['gone', 'error', 'warning', 'news'] as const;
		expect(kinds.map(kind => noticeStyle(kind, createTheme(true)))).toEqual([{color: 'red'}, {color: 'red'}, {color: 'yellow'}, {}]);
		expect(kinds.map(kind => noticeStyle(kind, createTheme(false)))).toEqual([{bold: true}, {bold: true}, {bold: true}, {}]);
	});
});
