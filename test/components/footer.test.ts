import {describe, expect, it} from 'vitest';
import {footerSegments} from '../../source/components/footer.js';
import {scrollPosition} from '../../source/model/scroll-position.js';
import {displayWidth} from '../../source/format/escape.js';
import {createTheme} from '../../source/theme.js';

const theme = createTheme(false);
const line = (width: number, position = scrollPosition(40, 20, 1408), isLive = true) => {
	const text = footerSegments(theme, isLive, width, position).map(segment => segment.text).join('');
	expect(displayWidth(text)).toBeLessThanOrEqual(width);
	return text.trimEnd();
};

describe('footerSegments with a position', () => {
	it('says it in the PID view\'s words at the right end where every hint fits beside it', () => {
		expect(line(100)).toBe('↑↓ move  <> sort  / filter  Space pause  Enter pid  k kill  ? help  q quit        rows 41-60 of 1408');
	});

	it('gives up hints before the position, the sort hint first, then pause, the arrows and kill; / and Enter last, ? and q never', () => {
		expect(line(80)).toBe('↑↓ move  / filter  Enter pid  k kill  ? help  q quit          rows 41-60 of 1408');
		expect(line(60)).toBe('/ filter  Enter pid  k kill  ? help  q quit       41-60/1408');
		expect(line(40)).toBe('/ filter  ? help  q quit      41-60/1408');
	});

	it('keeps / and Enter, the way to who holds a port, where the user test found them dropped (80 and 60 columns)', () => {
		expect(line(80, scrollPosition(0, 18, 1336))).toBe('↑↓ move  / filter  Enter pid  k kill  ? help  q quit           rows 1-18 of 1336');
		expect(line(60, scrollPosition(0, 14, 35))).toBe('/ filter  Enter pid  k kill  ? help  q quit       1-14 of 35');
	});

	it('leaves the hints alone without one where they fit, and gives up the same ones first where not', () => {
		expect(line(80, null)).toBe('↑↓ move  <> sort  / filter  Space pause  Enter pid  k kill  ? help  q quit');
		expect(line(60, null)).toBe('↑↓ move  / filter  Enter pid  k kill  ? help  q quit');
		expect(line(40, null)).toBe('/ filter  Enter pid  ? help  q quit');
		expect(line(14, null)).toBe('? help  q quit');
	});

	it('works from a capture\'s hints, which have no pause or kill', () => {
		expect(line(60, scrollPosition(0, 10, 300), false)).toBe('↑↓ move  / filter  Enter pid  ? help  q quit     1-10 of 300');
	});

	it('says Space resumes while paused, as the header says PAUSED', () => {
		const paused = footerSegments(theme, true, 100, scrollPosition(40, 20, 1408), true).map(segment => segment.text).join('');
		expect(paused).toContain('Space resume');
		expect(paused).not.toContain('pause');
	});

	it('keeps Space resume and k kill, paused, after the arrows have given way (80 and 60 columns, where Space pause goes)', () => {
		const paused = (width: number, position: ReturnType<typeof scrollPosition> | null) => footerSegments(theme, true, width, position, true).map(segment => segment.text).join('').trimEnd();
		// htop's bar always has F9 Kill, never the arrows: k kill was dropped here before them.
		expect(paused(80, scrollPosition(0, 18, 1351))).toBe('/ filter  Space resume  Enter pid  k kill  ? help  q quit           1-18 of 1351');
		expect(paused(60, null)).toBe('/ filter  Space resume  Enter pid  k kill  ? help  q quit');
		expect(paused(50, null)).toBe('/ filter  Space resume  Enter pid  ? help  q quit');
	});
});
