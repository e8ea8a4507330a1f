export {connectionDirection, explainPort, explainSocket, listeningKey, rangeClass, servicePortOf} from './explain.js';
export type {DirectionHints, ExplainContext, PortRole, SocketExplanation} from './explain.js';
export {serviceProtocol} from './protocol.js';
export {ephemeralSettingOf, readEphemeralRange, readFinTimeout, resolveEphemeralRange} from './load.js';
export {createServiceTable, createStaticServiceTable} from './table.js';
export type {LoadedServiceTable, PortNamesSource, ServiceTableInfo} from './table.js';
