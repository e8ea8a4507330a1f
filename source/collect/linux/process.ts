/** Placeholder until helper "pidview" lands the real PID view reader. */
import type {ProcessDetail} from '../../model/process.js';

export async function readProcessDetail(_pid: number): Promise<ProcessDetail> {
	return {time: Date.now(), process: null, fds: [], denied: 'not implemented'};
}
