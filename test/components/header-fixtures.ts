import type {ComponentProps} from 'react';
import type {Header} from '../../source/components/header.js';
import {defaultFilters} from '../../source/options.js';
import {createTheme} from '../../source/theme.js';

/**
 * The Header props a test of it does not vary: a 2 s interval, running, sorted by COMMAND, no filter,
 * no error, no colour. Spread first (`<Header {...headerDefaults} … />`), the props a test sets after.
 */
export const headerDefaults: Pick<ComponentProps<typeof Header>, 'interval' | 'isPaused' | 'sort' | 'filters' | 'error' | 'theme'> = {
	interval: 2,
	isPaused: false,
	sort: {column: 'command', isDescending: false},
	filters: defaultFilters,
	error: null,
	theme: createTheme(false),
};
