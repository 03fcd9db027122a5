/**
 * A one-line progress bar for a terminal: share of simulated time done over all replications, replications
 * finished, elapsed time and an estimate of the time left. Redrawn at most every 100 ms; cleared at the end.
 */

/** Where the bar is drawn (process.stderr when it is a TTY). */
export interface ProgressStream {
  write: (text: string) => unknown;
  columns?: number;
}

export interface ProgressBar {
  update: (fraction: number, replicationsDone: number, replications: number) => void;
  /** Erases the bar. */
  done: () => void;
}

/** Formats seconds as "42s", "3m05s", "1h02m". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The text of the bar (without control characters), for a given width. */
export function renderProgressLine(label: string, fraction: number, replicationsDone: number, replications: number, elapsedSeconds: number, width: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  const eta = f > 0.01 ? formatSeconds((elapsedSeconds * (1 - f)) / f) : '?';
  const tail = ` ${(f * 100).toFixed(0).padStart(3)}%  ${replicationsDone}/${replications} replications  ${formatSeconds(elapsedSeconds)} elapsed, ETA ${eta}`;
  const barWidth = Math.max(10, Math.min(40, width - label.length - tail.length - 5));
  const filled = Math.round(f * barWidth);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`.slice(0, Math.max(20, width - 1));
}

/** Creates a bar on `stream`; `now` gives milliseconds. */
export function createProgressBar(stream: ProgressStream, label: string, now: () => number = () => performance.now()): ProgressBar {
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(fraction, replicationsDone, replications) {
      const t = now();
      if (t - lastDraw < 100 && fraction < 1) return;
      lastDraw = t;
      drawn = true;
      stream.write(`\r${renderProgressLine(label, fraction, replicationsDone, replications, (t - started) / 1000, stream.columns && stream.columns > 20 ? stream.columns : 80)}\x1b[K`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
