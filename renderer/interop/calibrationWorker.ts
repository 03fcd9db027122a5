import { runCalibration, type CalibrationRequest } from './calibrationCore';

/**
 * The calibration worker: reading a large log, fitting and the comparison run take seconds, so they run here and
 * the dialog stays responsive. One request in, one outcome out, tagged with the request id.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; request: CalibrationRequest }>) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, request } = event.data;
  scope.postMessage({ id, outcome: runCalibration(request) });
};
