import {defaultFilters, type Options} from '../../source/options.js';

/** Options as `socktop --once` parses them with no flags; tests override what they are about. */
export const testOptions = (overrides: Partial<Options> = {}): Options => ({
	filters: defaultFilters,
	interval: 2,
	once: true,
	json: false,
	quiet: false,
	numericUsers: false,
	sort: null,
	pidSort: null,
	tally: null,
	pid: null,
	backend: 'auto',
	importFile: null,
	servicesFile: null,
	servicesFrom: '--services',
	ephemeral: null,
	color: 'never',
	...overrides,
});
