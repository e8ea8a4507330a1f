/** readPortRangeIn: another namespace's ephemeral range, asked (cat through nsenter) once per namespace over a PID view's refreshes. */
import {describe, expect, it} from 'vitest';
import {NAMESPACE_ANSWER_MS} from '../../../source/collect/linux/namespace-memory.js';
import {createPortRangeMemory, readPortRangeIn} from '../../../source/collect/linux/port-range-in.js';

/** A runner that counts what it is asked: by the PID it enters, and the file it reads. */
function countingCat() {
	const asked: string[] = [];
	const ask = async (pid: number, file: string) => {
		asked.push(`${pid} ${file}`);
		return '40000\t50000\n';
	};

	return {asked, ask};
}

describe('readPortRangeIn', () => {
	it('is run once over a PID view\'s refreshes, again for another namespace or when its answer is 30 s old', async () => {
		const {asked, ask} = countingCat();
		const memory = createPortRangeMemory();
		const refresh = async (time: number, via = 4242, namespace: number | null = 4_026_532_676) => readPortRangeIn(via, namespace, {memory, time, ask});
		// Refreshes every 2 s: one run.
		for (let time = 0; time < 20_000; time += 2000) expect(await refresh(time)).toBe('40000\t50000\n');
		expect(asked).toEqual(['4242 ipv4/ip_local_port_range']);
		// Another PID in that namespace shares its answer; another namespace has its own.
		await refresh(21_000, 4243);
		await refresh(22_000, 5151, 4_026_532_999);
		expect(asked).toEqual(['4242 ipv4/ip_local_port_range', '5151 ipv4/ip_local_port_range']);
		// 30 s after the first run: asked again, as the range may have been changed (sysctl -w) meanwhile.
		await refresh(NAMESPACE_ANSWER_MS);
		expect(asked).toHaveLength(3);
	});

	it('is run on every read without a memory (a one-shot read)', async () => {
		const {asked, ask} = countingCat();
		for (let read = 0; read < 3; read++) await readPortRangeIn(4242, 4_026_532_676, {ask});
		expect(asked).toHaveLength(3);
	});
});
