// Run by missing-tools.test.ts under strace, with a PATH that lacks ss or nsenter: holds a
// connected unix socket, takes two snapshots (connecting again between them, so the table asks
// ss again) and reads its own PID view twice, then, given a PID in another network namespace
// (argv[2]), that process's PID view twice. Prints the last snapshot's unreadableTables and the
// last PID views' missingTools (its own, the other process's) as JSON, with the snapshot's tableShortForms.
import {spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {createLinuxCollector} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';

const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-missing-tools-'));
const server = net.createServer().listen(path.join(directory, 's.sock'));
await once(server, 'listening');
const connect = async () => {
	const client = net.connect(path.join(directory, 's.sock'));
	await once(client, 'connect');
	return client;
};

const clients = [await connect()];
const collector = createLinuxCollector();
await collector.snapshot();
// A mark in the trace: what the first snapshot started comes before it, the rest after.
spawnSync(process.execPath, ['-e', '"first snapshot done"']);
clients.push(await connect());
const {skipped} = await collector.snapshot();
await readProcessDetail(process.pid);
const own = await readProcessDetail(process.pid);
const elsewhere = Number(process.argv[2]);
let other = null;
if (elsewhere > 0) {
	await readProcessDetail(elsewhere);
	other = await readProcessDetail(elsewhere);
}

process.stdout.write(`${JSON.stringify({unreadableTables: skipped.unreadableTables, tableShortForms: skipped.tableShortForms ?? {}, ownMissing: own.missingTools ?? [], otherMissing: other?.missingTools ?? null})}\n`);
for (const client of clients) client.destroy();
server.close();
rmSync(directory, {recursive: true, force: true});
process.exit(0);
