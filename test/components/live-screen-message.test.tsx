/** LiveView: job control's message (Ctrl-Z where no shell can stop socktop) on the screen open when it comes, and on no other later. */
import {describe, expect, it, vi} from 'vitest';
import type {ScreenSaying} from '../../source/hooks/use-screen-message.js';
import {noJobControl} from '../../source/job-control.js';
import {KEYS, liveMounter, tick} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';

/** The message on any screen; `; q quits` only where q does. */
const NO_JOB_CONTROL = noJobControl(false);
const QUITS = '; q quits';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

/** A mount whose `say` sends a message as app.tsx's job control does. */
const mountSaying = (setup: Parameters<typeof mount>[0] = {}) => {
	let show: ((say: ScreenSaying) => void) | undefined;
	const {view} = mount({...setup, subscribeMessages(next) {
		show = next;
		return () => {
			show = undefined;
		};
	}});
	return {view, say: () => show?.(noJobControl)};
};

/** Shown, then gone once Esc goes back to the table, which does not say it either. */
async function saidOnlyThere(view: ReturnType<typeof mountSaying>['view'], say: () => void, isOpen: (frame: string) => boolean) {
	await view.waitFor(isOpen);
	await tick(50);
	say();
	const frame = await view.waitFor(frame => frame.includes(NO_JOB_CONTROL));
	expect(isOpen(frame)).toBe(true);
	await view.press(KEYS.escape);
	await view.waitFor(frame => isLoaded(frame) && !isOpen(frame));
	// Gone and not back (a negative check): a later frame saying it would come within these 100 ms.
	await tick(100);
	expect(view.frame()).not.toContain(NO_JOB_CONTROL);
}

describe('LiveView: a message from job control', () => {
	it('is said in the table\'s footer', async () => {
		const {view, say} = mountSaying();
		await view.waitFor(isLoaded);
		say();
		const frame = await view.waitFor(frame => frame.includes(NO_JOB_CONTROL));
		expect(frame.split('\n').at(-1)).toBe(noJobControl(true));
	});

	it('is said on the help screen, not later in the table\'s footer', async () => {
		const {view, say} = mountSaying();
		await view.waitFor(isLoaded);
		await view.press('?');
		await saidOnlyThere(view, say, frame => frame.includes('socktop keys') && !frame.includes(QUITS));
	});

	it('is said in the PID view, not later in the table\'s footer', async () => {
		const {view, say} = mountSaying({pidView: 640});
		await saidOnlyThere(view, say, frame => frame.includes('PID 640') && !frame.includes('PID 640: keys'));
	});

	it('says q quits in a PID view socktop started on, and not in one Enter opened, where q goes back', async () => {
		const started = mountSaying({pidView: 640});
		await started.view.waitFor(frame => frame.includes('PID 640'));
		await tick(50);
		started.say();
		await started.view.waitFor(frame => frame.includes(noJobControl(true)));
		const opened = mountSaying();
		await opened.view.waitFor(isLoaded);
		await opened.view.press(KEYS.enter);
		await saidOnlyThere(opened.view, opened.say, frame => /PID \d+/u.test(frame) && !isLoaded(frame) && !frame.includes(QUITS));
	});

	it('is said on the PID view\'s help, and goes with the next key', async () => {
		const {view, say} = mountSaying({pidView: 640});
		await view.waitFor(frame => frame.includes('PID 640'));
		await tick(50);
		await view.press('?');
		await view.waitFor(frame => frame.includes('PID 640: keys'));
		say();
		const frame = await view.waitFor(frame => frame.includes(NO_JOB_CONTROL));
		expect(frame).toContain('PID 640: keys');
		await view.press(KEYS.escape);
		await view.waitFor(frame => !frame.includes('PID 640: keys'));
		// Gone and not back (a negative check): a later frame saying it would come within these 100 ms.
		await tick(100);
		expect(view.frame()).not.toContain(NO_JOB_CONTROL);
	});

	it('is said above the filter prompt, not later in the table\'s footer', async () => {
		const {view, say} = mountSaying();
		await view.waitFor(isLoaded);
		await view.press('/');
		await saidOnlyThere(view, say, frame => frame.split('\n').at(-1)!.startsWith('Filter'));
	});
});
