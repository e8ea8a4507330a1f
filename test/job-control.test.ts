import {EventEmitter} from 'node:events';
import {describe, expect, it, vi} from 'vitest';
import {BACKGROUND_GRACE_MS, handleJobControl} from '../source/job-control.js';

describe('handleJobControl (Ctrl-Z, fg, bg)', () => {
	/** handleJobControl over fake events, saying in `calls` what it did; `foreground.is` is what isForeground answers. */
	function jobControl() {
		const events = new EventEmitter();
		const calls: string[] = [];
		const foreground: {is: boolean | null} = {is: true};
		const jobs = handleJobControl(events, {
			suspend: () => calls.push('suspend'),
			lend: () => calls.push('lend'),
			resume: () => calls.push('resume'),
			// Sent with socktop's own SIGTSTP listener off: Node then puts back the default action, which stops it.
			stopProcess: target => calls.push(events.listenerCount('SIGTSTP') === 0 ? `stop ${target}` : `stop ${target}, SIGTSTP still caught`),
			isForeground: () => foreground.is,
			onNotStopped: () => calls.push('not stopped'),
			onStuckInBackground: () => calls.push('stuck in background'),
		});
		return {events, calls, foreground, jobs};
	}

	/** Let the event loop go round `count` times, as it does before a SIGCONT that followed a stop would be reported. */
	async function turns(count = 3): Promise<void> {
		for (let turn = 0; turn < count; turn++) {
			await new Promise(resolve => {
				setImmediate(resolve);
			});
		}
	}

	it('stops after giving the terminal back: Ctrl-Z its process group, SIGTSTP socktop alone; resumes on SIGCONT', async () => {
		const {events, calls, jobs} = jobControl();
		jobs.stop();
		events.emit('SIGCONT');
		events.emit('SIGTSTP');
		events.emit('SIGCONT');
		await turns();
		expect(calls).toEqual(['suspend', 'stop group', 'resume', 'suspend', 'stop self', 'resume']);
		expect(events.listenerCount('SIGTSTP')).toBe(1);
		jobs.remove();
		expect(events.listenerCount('SIGTSTP') + events.listenerCount('SIGCONT')).toBe(0);
	});

	it('takes the terminal back and says so when the stop stopped nothing (no SIGCONT came: an orphaned process group)', async () => {
		const {events, calls, foreground, jobs} = jobControl();
		jobs.stop();
		expect(calls).toEqual(['suspend', 'stop group']);
		await turns();
		expect(calls).toEqual(['suspend', 'stop group', 'resume', 'not stopped']);
		events.emit('SIGTSTP');
		await turns();
		expect(calls.slice(4)).toEqual(['suspend', 'stop self', 'resume', 'not stopped']);
		// In the background the terminal stays the shell's, and no fg can come; once socktop is ending, nothing is taken or said.
		foreground.is = false;
		calls.length = 0;
		jobs.stop();
		await turns();
		foreground.is = true;
		jobs.stop();
		jobs.remove();
		await turns();
		expect(calls).toEqual(['suspend', 'stop group', 'stuck in background', 'suspend', 'stop group']);
	});

	it('started in the background (socktop &), stops before it draws; fg resumes; an orphaned job cannot stop and is told', async () => {
		const {events, calls, foreground, jobs} = jobControl();
		foreground.is = false;
		jobs.stopInBackground();
		events.emit('SIGCONT');
		await turns();
		expect(calls).toEqual(['stop group', 'lend']);
		foreground.is = true;
		events.emit('SIGCONT');
		expect(calls).toEqual(['stop group', 'lend', 'resume']);
		// `(socktop &)`: the subshell is gone, so the kernel discards the stop and no SIGCONT comes.
		foreground.is = false;
		calls.length = 0;
		jobs.stopInBackground();
		await turns();
		expect(calls).toEqual(['stop group', 'stuck in background']);
		jobs.remove();
	});

	it('continued in the background (bg, kill %1) keeps the terminal lent and stops again, unless it ends first', () => {
		vi.useFakeTimers();
		try {
			const {events, calls, foreground, jobs} = jobControl();
			foreground.is = false;
			jobs.stop();
			// bg: no resume; stopped again once the grace is over.
			events.emit('SIGCONT');
			vi.advanceTimersByTime(BACKGROUND_GRACE_MS);
			expect(calls).toEqual(['suspend', 'stop group', 'lend', 'stop group']);
			// fg: resumed. Where the foreground cannot be told, as before: resumed.
			foreground.is = true;
			events.emit('SIGCONT');
			foreground.is = null;
			events.emit('SIGCONT');
			expect(calls).toEqual(['suspend', 'stop group', 'lend', 'stop group', 'resume', 'resume']);
			// kill %1: its SIGTERM ends socktop (and removes the handlers) before the grace is over.
			foreground.is = false;
			calls.length = 0;
			events.emit('SIGCONT');
			jobs.remove();
			vi.advanceTimersByTime(BACKGROUND_GRACE_MS * 2);
			expect(calls).toEqual(['lend']);
		} finally {
			vi.useRealTimers();
		}
	});
});
