/** LiveView between refreshes: new and gone rows, a slow scan, pausing and the interval. */
import {describe, expect, it, vi} from 'vitest';
import {baseSockets, nginx, snapshotOf, socket, tick, liveMounter} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

describe('LiveView: changes between refreshes', () => {
	it('marks new sockets for one refresh and keeps gone ones one refresh, dimmed', async () => {
		const {view, collector} = mount({isColor: false});
		await view.waitFor(isLoaded);
		// The first snapshot marks nothing as new.
		expect(view.rawFrame()).not.toContain('\u001B[1mroot');
		const newcomer = socket({proto: 'tcp4', inode: 7777, localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', command: 'python3', pid: 5555, fd: 3});
		collector.push(snapshotOf([...baseSockets.filter(each => each !== nginx), newcomer], Date.UTC(2026, 10, 27, 3, 30, 2)));
		await view.waitFor(frame => frame.includes('python3'));
		const lines = view.rawFrame().split('\n');
		const line = (text: string) => lines.find(each => each.includes(text)) ?? '';
		expect(line('python3')).toMatch(/^\u001B\[1m/);
		expect(line('nginx')).toMatch(/^\u001B\[2m/);
		// Dim is not there on every terminal without colours (a vt100 has none): the closed row also says it where its state was.
		expect(view.frame().split('\n').find(each => each.includes('nginx'))).toMatch(/\*:\* +closed +http/);
		expect(line('nginx')).not.toContain('LISTEN');
		expect(line('sshd')).not.toMatch(/^\u001B\[[12]m/);
		expect(view.frame()).toContain('Sockets 6 (');
		// The nginx row is drawn but not counted as shown: the header says why the rows outnumber the sockets.
		expect(view.frame()).toContain('showing 6 of 6 + 1 just closed');

		collector.push(snapshotOf([...baseSockets.filter(each => each !== nginx), newcomer], Date.UTC(2026, 10, 27, 3, 30, 4)));
		await view.waitFor(frame => frame.includes('03:30:04'));
		expect(view.frame()).not.toContain('nginx');
		expect(view.frame()).not.toContain('just closed');
		expect(view.rawFrame().split('\n').find(each => each.includes('python3'))).not.toMatch(/^\u001B\[1m/);
	});

	it('says closed in the row\'s last cell where 40 columns leave STATE out, without colours', async () => {
		const {view, collector} = mount({isColor: false, columns: 40});
		await view.waitFor(isLoaded);
		collector.push(snapshotOf(baseSockets.filter(each => each !== nginx), Date.UTC(2026, 10, 27, 3, 30, 2)));
		const frame = await view.waitFor(frame => frame.includes('just closed'));
		expect(frame).not.toContain('STATE');
		// FOREIGN, where the listener's *:* was: the dim alone is the only mark on a terminal without it (vt100).
		expect(frame.split('\n').find(each => each.includes('nginx'))).toBe('nginx     1204 10.0.0.10:80 closed');
		expect(frame.split('\n').find(each => each.includes('firefox'))).toMatch(/93\.18…34:443$/);
	});

	it('keeps a gone row\'s state, dimmed, where the terminal has colours', async () => {
		const {view, collector} = mount({isColor: true});
		await view.waitFor(isLoaded);
		collector.push(snapshotOf(baseSockets.filter(each => each !== nginx), Date.UTC(2026, 10, 27, 3, 30, 2)));
		await view.waitFor(frame => frame.includes('just closed'));
		const line = view.rawFrame().split('\n').find(each => each.includes('nginx')) ?? '';
		expect(line).toMatch(/^\u001B\[2m/);
		expect(line).toContain('LISTEN');
		expect(line).not.toContain('closed');
	});
});

describe('LiveView: a scan that takes long', () => {
	it('says the scan is still running, with its age, and stops saying it when the scan ends', async () => {
		// The scripted collector holds its second scan until a snapshot is pushed: a hung lsof.
		const {view, collector} = mount({slowScanAfterMs: 300});
		await view.waitFor(isLoaded);
		expect(view.frame().split('\n')[0]).not.toContain('still reading');
		const stalled = await view.waitFor(frame => frame.split('\n')[0]!.includes('still reading /proc (0s)'));
		// The rows of the last scan stay on screen meanwhile.
		expect(stalled).toContain('sshd');
		await view.waitFor(frame => frame.split('\n')[0]!.includes('still reading /proc (1s)'));
		collector.push(snapshotOf(baseSockets, Date.UTC(2026, 10, 27, 3, 30, 9)));
		const done = await view.waitFor(frame => frame.includes('03:30:09'));
		expect(done.split('\n')[0]).not.toContain('still reading');
	});
});

describe('LiveView: pause and interval', () => {
	it('Space pauses refreshing and + / - change the interval', async () => {
		const {view, collector} = mount();
		await view.waitFor(isLoaded);
		// The second scan has started and waits for its snapshot, longer than the 0.05 s interval.
		while (collector.scans < 2) await tick(10);
		await view.press(' ');
		// The footer says what Space does now.
		expect(await view.waitFor(frame => frame.includes('PAUSED'))).toContain('Space resume');
		const scans = collector.scans;
		// Finished after the next one is due.
		await tick(100);
		collector.push(snapshotOf(baseSockets, Date.UTC(2026, 10, 27, 3, 31, 0)));
		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
		// The scan already waiting finishes, overdue, but no new one starts while paused.
		expect(collector.scans).toBe(scans);
		await view.press('+');
		await view.waitFor(frame => frame.includes('every 0.1s'));
		await view.press('+');
		await view.press('+');
		await view.waitFor(frame => frame.includes('every 0.5s'));
		await view.press('-');
		await view.waitFor(frame => frame.includes('every 0.2s'));
		await view.press(' ');
		await view.waitFor(frame => !frame.includes('PAUSED'));
	});
});
