/**
 * The engine's single-replication entry, its event-log row type and the event-log file conventions (calendar,
 * XES text), as the studio's event-log export uses them (renderer/ reaches simulator/ only through renderer/simulation/).
 */
export { runReplication, xesLogText, eventLogEpochMs, minutesToTimestamp, csvCell, eventLogColumns, eventLogHeader, eventLogLine, type EventLogRow, type ReplicationOptions, type ReplicationResult } from '../../simulator';
