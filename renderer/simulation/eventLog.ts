/**
 * The engine's single-replication entry and its event-log row type, as the studio's event-log export uses them
 * (renderer/ reaches simulator/ only through renderer/simulation/).
 */
export { runReplication, type EventLogRow, type ReplicationOptions, type ReplicationResult } from '../../simulator';
