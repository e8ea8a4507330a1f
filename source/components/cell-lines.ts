import {CELL_MEANINGS, COUNT_MEANING} from '../services/cell-phrases.js';
import type {Theme} from '../theme.js';
import type {Segment} from './line.js';
import {meaningLines} from './meaning-lines.js';

/** The narrowest a meaning goes beside its notation: narrower, it goes under it. */
const MIN_BESIDE = 30;

/**
 * The `?` screen's Cells section, after the States: how the table writes what it shows
 * (`*:22`, `-> ?`, `@name`, …) and what the header's and footer's counts count, each meaning
 * wrapped at `width`, laid out as the States are; where that leaves a meaning under MIN_BESIDE
 * columns, under its notation.
 */
export function cellHelpLines(theme: Theme, width: number): Segment[][] {
	return meaningLines('Cells', [...CELL_MEANINGS, COUNT_MEANING], theme, width, MIN_BESIDE);
}
