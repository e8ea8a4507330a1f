import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {waitFor} from '../helpers/wait.js';
import {KillDialog} from '../../source/components/kill-dialog.js';
import {PidView} from '../../source/components/pid-view.js';
import type {ForwardKey} from '../../source/hooks/key-presses.js';
import type {FileDescriptor} from '../../source/model/process.js';
import type {SignalName} from '../../source/model/signal.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {createTheme} from '../../source/theme.js';
import {detailOf, scriptedCollector, tick} from './pid-fixtures.js';

/** The theme of a terminal with colours. */
const theme = createTheme(true);

/**
 * Keys at the PID view and the kill dialog: several keys in one read (typed
 * fast, over SSH) each count, and keys that reach a screen after it closed
 * (Ink re-subscribes handlers only after the next render) go on to the
 * screen underneath instead of vanishing.
 */
const stripAnsi = (text: string) => text.replaceAll(/\u001B\[[\d;]*m/g, '');

unmountAfterEach();

const services = createStaticServiceTable([]);
const many: FileDescriptor[] = Array.from({length: 60}, (_, fd) => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));

async function pidView(onBack: () => void, onForwardKey: ForwardKey, height = 20) {
	const instance = render(
		<PidView
			pid={812}
			collector={scriptedCollector([detailOf(many)])}
			services={services}
			ephemeral={null}
			interval={60}
			isPaused={false}
			width={80}
			height={height}
			onBack={onBack}
			onForwardKey={onForwardKey}
		/>,
	);
	await waitFor(() => {
		expect(stripAnsi(instance.lastFrame() ?? '')).toContain('file-0.log');
	});
	await tick(50);
	return instance;
}

async function dialog(onDone: (message: string) => void, onForwardKey: ForwardKey, send = vi.fn(async (pid: number, signal: SignalName) => ({isSent: true, message: `Sent ${signal} to PID ${pid}.`}))) {
	const instance = render(<KillDialog theme={theme} pid={4321} command="nginx" startToken="100" onDone={onDone} onForwardKey={onForwardKey} send={send as never} identify={async () => null} />);
	await tick(100);
	return {instance, send};
}

/** A send the test lets through (deliver) when it chooses: the signal is on its way until then. */
function heldSend() {
	const held = {deliver: () => undefined as void};
	const send = vi.fn(
		async (pid: number, signal: SignalName) =>
			new Promise<{isSent: boolean; message: string}>(resolve => {
				held.deliver = () => resolve({isSent: true, message: `Sent ${signal} to PID ${pid}.`});
			}),
	);
	return {send, deliver: () => held.deliver()};
}

describe('PID view keys', () => {
	it('"jjj" in one read moves the selection three rows', async () => {
		const instance = await pidView(() => undefined, () => undefined);
		instance.stdin.write('jjj');
		await waitFor(() => {
			expect(stripAnsi(instance.lastFrame() ?? '')).toContain('fd 3: the file /var/log/file-3.log');
		});
		// The rows stay where they were: the selection is still on screen.
		expect(stripAnsi(instance.lastFrame() ?? '')).toMatch(/rows 1-\d+ of 60/);
	});

	it('"qq" in one read leaves and hands the second q to the table', async () => {
		const onBack = vi.fn();
		const forwarded = vi.fn();
		const instance = await pidView(onBack, forwarded);
		instance.stdin.write('qq');
		expect(onBack).toHaveBeenCalledTimes(1);
		expect(forwarded).toHaveBeenCalledTimes(1);
		expect(forwarded.mock.calls[0]![0]).toBe('q');
	});

	it('? lists the PID view\'s own keys; q then closes the list, not the view, and the selection is kept', async () => {
		const onBack = vi.fn();
		const instance = await pidView(onBack, () => undefined);
		instance.stdin.write('jj');
		await waitFor(() => {
			expect(stripAnsi(instance.lastFrame() ?? '')).toContain('fd 2: the file /var/log/file-2.log');
		});
		instance.stdin.write('?');
		await waitFor(() => {
			expect(stripAnsi(instance.lastFrame() ?? '')).toContain('PID 812: keys');
		});
		const help = stripAnsi(instance.lastFrame() ?? '');
		expect(help).toMatch(/↓ j +select the next fd/);
		expect(help).toMatch(/Esc q +back to the PID view before, or the table \(Backspace, F10 too\)/);
		expect(help).toMatch(/k F9 +send a signal/);
		// It sorts its fds as the table sorts its rows; keys the PID view does not act on are not offered there.
		expect(help).toMatch(/Sort +< +sort by the column to the left/);
		expect(help).toMatch(/r +reverse the sort order/);
		expect(help).not.toContain('listening');
		// / filters the fd rows, and Esc clears a kept filter before it goes back.
		expect(help).toMatch(/\/ F3 F4 +filter the fds: words, !word, column:value/);
		expect(help).toMatch(/Esc +clear the text filter \(then Esc goes back\)/);
		expect(help).toMatch(/Enter +open the PID view of the fd's peer \(FOREIGN \/ PEER\)/);
		expect(help).not.toMatch(/ q +quit/);
		expect(help.split('\n')[0]).toBe('PID 812: keys  Esc q ? close');
		// The whole list fits: j is the list's (it stays open) and does not move the fd selection.
		instance.stdin.write('j');
		await tick(100);
		expect(stripAnsi(instance.lastFrame() ?? '')).toBe(help);
		instance.stdin.write('q');
		await waitFor(() => {
			expect(stripAnsi(instance.lastFrame() ?? '')).toContain('fd 2: the file /var/log/file-2.log');
		});
		expect(onBack).not.toHaveBeenCalled();
		expect(stripAnsi(instance.lastFrame() ?? '')).toContain('? help');
	});

	it('? on a short screen: the Move keys scroll the list, the title saying so first; Esc closes it, not the view', async () => {
		const onBack = vi.fn();
		const instance = await pidView(onBack, () => undefined, 8);
		instance.stdin.write('?');
		const title = () => stripAnsi(instance.lastFrame() ?? '').split('\n')[0];
		await waitFor(() => {
			expect(title()).toBe('PID 812: keys  1-7/19  ↑↓ PgUp PgDn g G scroll · Esc q ? close');
		});
		instance.stdin.write('jj');
		await waitFor(() => {
			expect(title()).toContain('3-9/19');
		});
		for (const [key, range] of [
			['G', '13-19/19'],
			['g', '1-7/19'],
			['\u001B[F', '13-19/19'],
			['\u001B[H', '1-7/19'],
		] as const) {
			instance.stdin.write(key);
			// eslint-disable-next-line no-await-in-loop
			await waitFor(() => {
				expect(title()).toContain(range);
			});
		}

		instance.stdin.write('\u001B');
		await waitFor(() => {
			expect(stripAnsi(instance.lastFrame() ?? '')).toContain('? help');
		});
		expect(onBack).not.toHaveBeenCalled();
	});

	it('"?qq" in one read: the help opens, q closes it, the second q leaves the view', async () => {
		const onBack = vi.fn();
		const forwarded = vi.fn();
		const instance = await pidView(onBack, forwarded);
		instance.stdin.write('?qq');
		expect(onBack).toHaveBeenCalledTimes(1);
		expect(forwarded).not.toHaveBeenCalled();
	});

	it('? leaves out k and Space for a capture: nothing to signal, nothing refreshed', async () => {
		const {signal: _signal, identify: _identify, checkSignal: _check, ...live} = scriptedCollector([detailOf(many)]);
		const capture = {...live, name: 'import' as const};
		const instance = render(
			<PidView pid={812} collector={capture} services={services} ephemeral={null} interval={60} isPaused={false} width={70} height={20} onBack={() => undefined} />,
		);
		await waitFor(() => {
			expect(stripAnsi(instance.lastFrame() ?? '')).toContain('file-0.log');
		});
		await tick(50);
		instance.stdin.write('?');
		await waitFor(() => {
			expect(stripAnsi(instance.lastFrame() ?? '')).toContain('PID 812: keys');
		});
		const help = stripAnsi(instance.lastFrame() ?? '');
		expect(help).toMatch(/Esc q +back to the PID view before, or the table/);
		expect(help).not.toContain('send a signal');
		expect(help).not.toContain('pause');
	});

	it('a key that still reaches it after q goes to the table, not lost', async () => {
		const onBack = vi.fn();
		const forwarded = vi.fn();
		const instance = await pidView(onBack, forwarded);
		instance.stdin.write('q');
		await tick(30);
		instance.stdin.write('q');
		expect(onBack).toHaveBeenCalledTimes(1);
		expect(forwarded.mock.calls.map(call => call[0])).toEqual(['q']);
	});
});

describe('kill dialog keys', () => {
	it('"jj" in one read moves down two signals', async () => {
		const {instance} = await dialog(() => undefined, () => undefined);
		instance.stdin.write('jj');
		await waitFor(() => {
			expect(instance.lastFrame()).toMatch(/> 3 SIGHUP/);
		});
	});

	it('"2⏎y" in one read chooses SIGINT, goes on to the question and confirms it', async () => {
		const onDone = vi.fn();
		const {instance, send} = await dialog(onDone, () => undefined);
		instance.stdin.write('2\ry');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith('Sent SIGINT to PID 4321.');
		});
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('"⏎yl" in one read sends, then hands l to the screen underneath once the signal is sent', async () => {
		const onDone = vi.fn();
		const forwarded = vi.fn();
		const {instance, send} = await dialog(onDone, forwarded);
		instance.stdin.write('\ryl');
		await waitFor(() => {
			expect(forwarded).toHaveBeenCalled();
		});
		expect(send).toHaveBeenCalledTimes(1);
		expect(onDone).toHaveBeenCalledWith('Sent SIGTERM to PID 4321.');
		expect(forwarded.mock.calls.map(call => call[0])).toEqual(['l']);
		// Told in the order typed: the outcome first, then the key after the y.
		expect(onDone.mock.invocationCallOrder[0]).toBeLessThan(forwarded.mock.invocationCallOrder[0]!);
	});

	it('keys read while the signal is on its way go to the screen underneath once it is sent, in order', async () => {
		const {send, deliver} = heldSend();
		const onDone = vi.fn();
		const forwarded = vi.fn();
		const {instance} = await dialog(onDone, forwarded, send);
		instance.stdin.write('\ry');
		await waitFor(() => {
			expect(send).toHaveBeenCalledTimes(1);
		});
		instance.stdin.write('j');
		instance.stdin.write('lc');
		// A negative check: a forwarded key would be told within these 50 ms.
		await tick(50);
		expect(forwarded).not.toHaveBeenCalled();
		deliver();
		await waitFor(() => {
			expect(forwarded.mock.calls.map(call => call[0])).toEqual(['j', 'lc']);
		});
		expect(onDone).toHaveBeenCalledWith('Sent SIGTERM to PID 4321.');
	});

	it('keys typed at the too-small message while the signal is on its way are dropped, not handed on once it is sent', async () => {
		const {send, deliver} = heldSend();
		const forwarded = vi.fn();
		const at = (isActive: boolean) => <KillDialog theme={theme} pid={4321} command="nginx" startToken="100" onDone={() => undefined} onForwardKey={forwarded} send={send} identify={async () => null} isActive={isActive} />;
		const instance = render(at(true));
		await tick(100);
		instance.stdin.write('\ry');
		await waitFor(() => {
			expect(send).toHaveBeenCalledTimes(1);
		});
		// Hidden: the screen underneath is too, and would drop the key had the send been instant.
		instance.rerender(at(false));
		await tick();
		instance.stdin.write('l');
		instance.rerender(at(true));
		await tick();
		instance.stdin.write('j');
		deliver();
		await waitFor(() => {
			expect(forwarded.mock.calls.map(call => call[0])).toEqual(['j']);
		});
	});

	it('after Esc cancels, a key that still reaches it goes to the screen underneath', async () => {
		const onDone = vi.fn();
		const forwarded = vi.fn();
		const {instance} = await dialog(onDone, forwarded);
		instance.stdin.write('qj');
		instance.stdin.write('q');
		expect(onDone).toHaveBeenCalledTimes(1);
		expect(onDone).toHaveBeenCalledWith('Cancelled: no signal sent.');
		expect(forwarded.mock.calls.map(call => call[0])).toEqual(['j', 'q']);
	});
});
