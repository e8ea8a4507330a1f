import {readFileSync} from 'node:fs';
import type {Socket} from '../../source/model/types.js';
import {ianaTable, loadIanaRegistry} from '../../source/services/iana.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {parseServices} from '../../source/services/parse.js';
import type {ServiceTable} from '../../source/services/types.js';
import {socket as emptySocket} from '../helpers/socket.js';

/** A socket with every field a backend fills; tests override what they are about. */
export function socket(fields: Partial<Socket> & Pick<Socket, 'proto'>): Socket {
	return emptySocket(fields);
}

/** A loaded table over a fixture file (as the path it had on its machine), with IANA behind it. */
export async function fixtureTable(name: 'debian-services' | 'freebsd-services', source = '/etc/services'): Promise<ServiceTable> {
	const text = readFileSync(new URL(`../fixtures/services/${name}`, import.meta.url), 'utf8');
	return createStaticServiceTable(parseServices(text, source).entries, ianaTable(await loadIanaRegistry()));
}
