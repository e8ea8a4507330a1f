import {setTimeout as sleep} from 'node:timers/promises';
/** usePidKeys, driven through the PID view: going back, Space, and k with what it opens or says. */
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {PidView} from '../../source/components/pid-view.js';
import type {Collector} from '../../source/collect/collector.js';
import {detailOf, heldCollector, scriptedCollector, sshdFds, sshServices as services, tick} from '../components/pid-fixtures.js';
import {ESC, frameOf, loaded, view, waitFor} from '../components/pid-frames.js';

vi.hoisted(() => {
	// Ink drops every attribute without a colour level, so frames are drawn as a terminal's; local times must not depend on the machine.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

describe('usePidKeys (the PID view\'s keys)', () => {
	it.each([
		['Esc', ESC],
		['Backspace', '\u007F'],
		['q', 'q'],
	])('%s calls onBack', async (_, key) => {
		const onBack = vi.fn();
		const instance = view({collector: scriptedCollector([detailOf()]), onBack});
		await loaded(instance);
		instance.stdin.write(key);
		await waitFor(() => {
			expect(onBack).toHaveBeenCalledTimes(1);
		});
	});

	it('pauses and resumes with Space, as the title then says: no new read shows while paused, one does once resumed', async () => {
		// What the process has open now: the test opens a file in it while the view is paused.
		let answer = detailOf();
		const collector: Collector = {...scriptedCollector([]), process: async () => answer};
		const instance = render(<Pausable collector={collector} />);
		await loaded(instance);
		const title = () => frameOf(instance).split('\n')[0];
		instance.stdin.write(' ');
		await waitFor(() => {
			expect(title()).toContain('· paused');
		});
		answer = detailOf([...sshdFds, {fd: 7, type: 'file', target: '/var/log/auth.log', socket: null}]);
		// Five refresh intervals: none reads it.
		await tick(250);
		expect(frameOf(instance)).not.toContain('/var/log/auth.log');
		instance.stdin.write(' ');
		await waitFor(() => {
			expect(title()).not.toContain('paused');
			expect(frameOf(instance)).toContain('/var/log/auth.log');
		});
	});

	it.each([
		['k', 'k'],
		// Not that no fd is selected: none is until the read.
		['Enter', '\r'],
	])('%s before the first read says it is still reading, and the line goes once the read is shown', async (name, key) => {
		const {collector: slow, answer} = heldCollector();
		const instance = view({collector: slow, interval: 60});
		await tick(60);
		instance.stdin.write(key);
		await waitFor(() => {
			expect(frameOf(instance)).toContain(`Still reading PID 812; press ${name} again once it is shown.`);
		});
		answer(detailOf());
		await waitFor(() => {
			expect(frameOf(instance)).toContain('pipe:[4471]');
			expect(frameOf(instance)).not.toContain('Still reading');
		});
		// A negative check: a later frame saying so would come within these 100 ms.
		await tick(100);
		expect(frameOf(instance)).not.toMatch(/Still reading|no fd is selected/);
	});

	it('does not offer to signal a process it has not read yet, nor one that has exited', async () => {
		const never: Collector = {name: 'proc', snapshot: async () => new Promise(() => undefined), process: async () => new Promise(() => undefined)};
		const reading = view({collector: never});
		await tick(60);
		reading.stdin.write('k');
		await waitFor(() => {
			expect(frameOf(reading)).toContain('Still reading PID 812; press k again once it is shown.');
		});
		reading.unmount();
		const gone = view({collector: scriptedCollector([detailOf([], {process: null})])});
		await loaded(gone);
		gone.stdin.write('k');
		await waitFor(() => {
			expect(frameOf(gone)).toContain('No process 812 to signal: it has exited or never existed.');
		});
		expect(frameOf(gone)).not.toContain('Send a signal');
	});

	it('opens the kill dialog with k and reports a cancel', async () => {
		const instance = view({collector: scriptedCollector([detailOf()]), interval: 60});
		await loaded(instance);
		instance.stdin.write('k');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Send a signal to PID 812 (sshd)');
		});
		// Ink subscribes the dialog's key handler in an effect, a few ms after it is drawn.
		await tick(50);
		instance.stdin.write(ESC);
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Cancelled: no signal sent.');
		});
		expect(frameOf(instance)).not.toContain('Send a signal');
	});

	it.each([
		[{kind: 'denied', owner: 'root', isRoot: false}, 'socktop may not signal sshd[812] (user root): run as root.'],
		// The view still shows it alive: it exited after the last read.
		[{kind: 'exited'}, 'Process 812 has exited; there is nothing to signal.'],
	] as const)('k says at once, without the menu, when socktop may not signal the process (%o)', async (access, line) => {
		const instance = view({collector: {...scriptedCollector([detailOf()]), checkSignal: async () => access}, interval: 60});
		await loaded(instance);
		instance.stdin.write('k');
		await waitFor(() => {
			expect(frameOf(instance)).toContain(line);
		});
		expect(frameOf(instance)).not.toContain('SIGTERM');
		await tick(50);
		instance.stdin.write('x');
		// Closed: the line stays, as what k did.
		await waitFor(() => {
			expect(frameOf(instance)).not.toContain('Press any key');
		});
		expect(frameOf(instance)).toContain(line);
	});

	it('says under the question that other processes hold the selected socket too, and it stays bound', async () => {
		const fds = sshdFds.map(fd => (fd.fd === 3 ? {...fd, coHolders: [{command: 'sshd', pid: 1900, fd: 3}, {command: 'sshd', pid: 1901, fd: 3}]} : fd));
		const instance = view({collector: scriptedCollector([detailOf(fds)]), interval: 60});
		await loaded(instance);
		instance.stdin.write('k');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('SIGTERM');
		});
		await tick(50);
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Send SIGTERM to PID 812 (sshd)? y/N');
		});
		expect(frameOf(instance)).toContain('sshd[1900] fd 3 and 1 other also hold *:22 — it stays bound');
	});

	// tmux send-keys k 3, or a fast typist over SSH: k and the keys after it in one read.
	it.each([
		['k3', 'k3', '> 3 SIGHUP'],
		['k and two Down arrows', 'k\u001B[B\u001B[B', '> 3 SIGHUP'],
	])('%s in one read: the keys after k are the kill dialog\'s', async (_name, keys, shows) => {
		const instance = view({collector: scriptedCollector([detailOf()]), interval: 60});
		await loaded(instance);
		instance.stdin.write(keys);
		await waitFor(() => {
			expect(frameOf(instance)).toContain(shows);
		});
	});

	it('k3y in one read chooses SIGHUP but sends nothing until Enter, then a y typed at the question', async () => {
		const sent: string[] = [];
		const collector: Collector = {
			...scriptedCollector([detailOf()]),
			async signal(_pid, signal) {
				sent.push(signal);
				return {isSent: true, message: `Sent ${signal} to PID 812.`};
			},
		};
		const instance = view({collector, interval: 60});
		await loaded(instance);
		instance.stdin.write('k3y');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('> 3 SIGHUP');
		});
		// The y came before the question was drawn: it does not answer it.
		await sleep(200);
		expect(sent).toEqual([]);
		expect(frameOf(instance)).not.toContain('Sent SIGHUP');
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(frameOf(instance)).toMatch(/SIGHUP.*\?/);
		});
		instance.stdin.write('y');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Sent SIGHUP to PID 812.');
		});
		expect(sent).toEqual(['SIGHUP']);
	});

	it('offers no signals when the source has none (an --import capture)', async () => {
		const {identify: _identify, signal: _signal, checkSignal: _check, ...capture} = scriptedCollector([detailOf()]);
		const instance = view({collector: capture, interval: 60});
		await loaded(instance);
		// Its title does not offer k either.
		expect(frameOf(instance).split('\n')[0]).toBe(' PID 812 sshd · Esc back · ? help · ↑↓ select · / filter');
		instance.stdin.write('k');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('cannot signal processes');
		});
		expect(frameOf(instance)).not.toContain('Send a signal');
	});
});

/** The PID view with its pause held as the live view holds it: Space (onTogglePause) flips it. */
function Pausable({collector}: {readonly collector: Collector}) {
	const [isPaused, setIsPaused] = useState(false);
	return (
		<PidView
			pid={812}
			collector={collector}
			services={services}
			ephemeral={null}
			interval={0.05}
			isPaused={isPaused}
			width={100}
			height={30}
			onBack={() => undefined}
			onTogglePause={() => {
				setIsPaused(current => !current);
			}}
		/>
	);
}
