import {describe, expect, it} from 'vitest';
import {selectedBlock, selectedLineCount} from '../../source/components/selected-lines.js';

const sentence = 'fd 5: curl is connected from ephemeral port 41276 to 93.184.216.34 port 443 (https)';
const note = '41276: an ephemeral port, picked by the kernel for this connection from 32768-60999 (net.ipv4.ip_local_port_range); no service is named for it';

describe('the selected fd\'s sentence and its note', () => {
	it('wraps the note under the sentence, indented, at 80 and at 40 columns', () => {
		expect(selectedBlock(sentence, note, 80, 10)).toEqual([
			'fd 5: curl is connected from ephemeral port 41276 to 93.184.216.34 port 443',
			'  (https)',
			'  41276: an ephemeral port, picked by the kernel for this connection from',
			'    32768-60999 (net.ipv4.ip_local_port_range); no service is named for it',
		]);
		expect(selectedLineCount(sentence, note, 80, 5)).toBe(4);
		expect(selectedBlock(sentence, note, 40, 10)).toEqual([
			'fd 5: curl is connected from ephemeral',
			'  port 41276 to 93.184.216.34 port 443',
			'  (https)',
			'  41276: an ephemeral port, picked by',
			'    the kernel for this connection',
			'    from 32768-60999 (net.ipv4.ip_local',
			'    _port_range); no service is named',
			'    for it',
		]);
	});

	it('gives the sentence its lines first on a short screen, the note what is left', () => {
		expect(selectedBlock(sentence, note, 80, 3)).toEqual([
			'fd 5: curl is connected from ephemeral port 41276 to 93.184.216.34 port 443',
			'  (https)',
			'  41276: an ephemeral port, picked by the kernel for this connection from 32768…',
		]);
		expect(selectedBlock(sentence, note, 80, 2)).toHaveLength(2);
		expect(selectedBlock(sentence, null, 80, 5)).toHaveLength(2);
	});
});
