import type {Collector} from '../../source/collect/collector.js';
import {emptySkipped} from '../../source/model/types.js';
import {detailOf, sshdInfo} from '../components/pid-fixtures.js';

/**
 * A collector whose PID 812 is the fixtures' sshd, there for an hour (a row's process, as identify tells), counting
 * identify's asks and the reads of its fds; with `isFirstReadFailing`, the first read throws.
 */
export function sshdCollector(isFirstReadFailing = false) {
	const counts = {identified: 0, reads: 0};
	const collector: Collector = {
		name: 'proc',
		snapshot: async () => ({time: 0, hostname: 'h', backend: 'proc', sockets: [], skipped: emptySkipped}),
		async identify() {
			counts.identified++;
			return {startToken: sshdInfo.startToken!, command: 'sshd', ageMs: 3_600_000};
		},
		async process() {
			counts.reads++;
			if (isFirstReadFailing && counts.reads === 1) throw new Error('test: read failed');
			return detailOf();
		},
	};
	return {counts, collector};
}
