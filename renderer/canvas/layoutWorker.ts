import { layoutGraph, type LayoutRequest } from './layoutCore';

/**
 * The layout worker: dagre runs here so a big graph never freezes the canvas. One request in, one result (or an
 * error message) out, tagged with the request id.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; request: LayoutRequest }>) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, request } = event.data;
  try {
    scope.postMessage({ id, result: layoutGraph(request) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
