import {describe, expect, it} from 'vitest';
import {asSentence, unreadNamespaceNote} from '../../source/model/unseen.js';
import {emptySkipped} from '../../source/model/types.js';

describe('unreadNamespaceNote', () => {
	// As nobody: a root listener under `ip netns exec x`; the scan read only the host's tables.
	const hidden = {namespacesRead: ['host'], skipped: {...emptySkipped, deniedProcesses: 70, deniedNamespaces: 1}};

	it('says a namespace --netns names was not read, where other users\' namespaces were hidden', () => {
		expect(unreadNamespaceNote('x', hidden, false)).toBe("network namespace 'x' could not be read: no process socktop may read is in it — run as root to see its sockets");
		// The name is the user's: shown inert.
		expect(unreadNamespaceNote('x\u001B[2J', hidden, false)).toContain("'x\\x1b[2J'");
	});

	it('says nothing where the namespace was read, nothing was hidden, or root asked', () => {
		// Read and empty: "no sockets" is then the truth.
		expect(unreadNamespaceNote('x', {...hidden, namespacesRead: ['host', 'x']}, false)).toBeNull();
		// No hidden namespace: no process is in it at all.
		expect(unreadNamespaceNote('x', {...hidden, skipped: {...emptySkipped, deniedProcesses: 70}}, false)).toBeNull();
		expect(unreadNamespaceNote('x', hidden, true)).toBeNull();
		for (const netns of ['', 'all', 'host']) expect(unreadNamespaceNote(netns, hidden, false)).toBeNull();
		// Backends without namespaces read none to name.
		expect(unreadNamespaceNote('x', {skipped: hidden.skipped}, false)).toBeNull();
	});

	it('reads as a sentence of its own', () => {
		expect(asSentence('network namespace x could not be read')).toBe('Network namespace x could not be read.');
	});
});
