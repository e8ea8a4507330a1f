/** In a locale that is not UTF-8 the arrow keys are named in words: the glyph swap would write ↑↓ as '^v', which reads as Ctrl-V. */
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {Footer} from '../../source/components/footer.js';
import {Help} from '../../source/components/help.js';
import {KillDialog} from '../../source/components/kill-dialog.js';
import {keyNames} from '../../source/glyphs.js';
import {createTheme} from '../../source/theme.js';

const ascii = createTheme(false, true);
unmountAfterEach();

function frameOf(node: React.JSX.Element): string {
	const instance = render(node);
	return instance.lastFrame() ?? '';
}

describe('arrow keys in the C locale', () => {
	it('names them in words, and leaves them as arrows in a UTF-8 locale', () => {
		expect(keyNames('↑↓', true)).toBe('Up/Dn');
		expect(keyNames('↑/↓ choose', true)).toBe('Up/Dn choose');
		expect(keyNames('↓ j', true)).toBe('Down j');
		expect(keyNames('↑↓', false)).toBe('↑↓');
	});

	it('the footer says "Up/Dn move"', () => {
		expect(frameOf(<Footer width={80} theme={ascii} message={null} />)).toMatch(/^Up\/Dn move {2}<> sort {2}\/ filter/);
	});

	it('the help names Up and Down in its keys and title', () => {
		const frame = frameOf(<Help width={80} height={12} theme={ascii} top={0} />);
		expect(frame).toMatch(/^Move +Up +select the previous socket/m);
		expect(frame).toMatch(/^ +Down j +select the next socket/m);
		expect(frame.split('\n')[0]).toContain('Up/Dn');
		expect(frame).not.toMatch(/[↑↓]/);
	});

	it('the kill dialog says "Up/Dn 1-4 choose"', () => {
		const frame = frameOf(<KillDialog theme={ascii} pid={4242} command="sleep" startToken="1" onDone={() => {}} send={async () => ({isSent: false, message: ''})} identify={async () => null} />);
		expect(frame).toContain('Up/Dn 1-4 choose');
	});
});

describe('the help in the C locale at 40 columns', () => {
	it('still says how to close it where "Up/Dn scroll" does not fit', () => {
		const frame = frameOf(<Help width={40} height={9} theme={ascii} top={48} />);
		expect(frame.split('\n')[0]).toBe('socktop keys 49-56/60, q closes');
	});
});
