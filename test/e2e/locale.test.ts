import {afterAll, describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * In a locale that is not UTF-8 (LANG=C over SSH, a container with no locale set),
 * the terminal cannot show socktop's glyphs ('…', '▲', '→', box lines): it draws
 * them in ASCII, as htop does, one character for one, so the columns stay put.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) console.warn(`locale e2e: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);

const panes: TmuxPane[] = [];
afterAll(() => {
	for (const pane of panes) pane.kill();
});

const glyphs = /[…▲▼→←↑↓·—─│┌┐└┘├┤┬┴┼╭╮╰╯]/u;

describe.skipIf(!canRun)('socktop in the C locale', () => {
	it('draws the table, its sort mark and keys (arrows named in words: "^v" would read as Ctrl-V), and the PID view\'s box in ASCII', async () => {
		const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5; sleep 600`, 80, 24, {LANG: 'C', LC_ALL: 'C'});
		panes.push(pane);
		const table = await pane.waitFor(screen => /\bPROTO\b/.test(screen) && /showing [1-9]/.test(screen) && pane.isRawMode, 20_000);
		// The sort mark in ASCII after the heading, cut as it may be ("COMMAN^") when a NETNS column
		// takes room: namespaces that other tests create while this one runs bring it in.
		expect(table).toMatch(/COMMA[A-Z]*\^/);
		// The arrow keys' hint, in words; '<> sort' gives its room to the scroll position where the rows do not all fit.
		expect(table.trimEnd().split('\n').at(-1)).toMatch(/^Up\/Dn move {2}(<> sort {2})?\/ filter/);
		expect(table).not.toMatch(glyphs);
		// The PID view of this pane's tmux server (it listens on a unix socket): its FD table's box.
		pane.type('/tmux');
		pane.keys('Enter');
		// Rows there (the first scan may still be running on a busy machine): Enter opens the selected one.
		await pane.waitFor(screen => /Filter "tmux" +showing [1-9]/.test(screen), 20_000);
		pane.keys('Enter');
		const pid = await pane.waitFor(screen => /\bTYPE\b/.test(screen), 20_000);
		expect(pid).toMatch(/^\+-+\+-+/m);
		expect(pid).toMatch(/\| +FD\^ \| TYPE/);
		expect(pid).not.toMatch(glyphs);
		pane.type('q');
	});
});
