import { runReplication } from '../../simulation/eventLog';
import { buildEventLog, type EventLogRequest } from './eventLogCore';

/**
 * The event-log export worker: simulating a replication and writing up to millions of CSV lines or XES events
 * takes seconds, so it runs here and only the finished text crosses to the page. One request in, one outcome out.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; request: EventLogRequest }>) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, request } = event.data;
  scope.postMessage({ id, outcome: buildEventLog(request, runReplication) });
};
