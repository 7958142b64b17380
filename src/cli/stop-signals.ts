// Graceful stop on SIGINT and SIGTERM: the first signal lets the batch in flight finish, a later one exits at once.

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

/** Exit status of a run stopped by each signal: 128 + the signal number, as shells report it. */
export const SIGNAL_EXIT_STATUS: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

// The same signal can arrive twice within milliseconds, for example when a terminal's Ctrl-C reaches
// the whole process group and a wrapper script forwards it as well. Repeats within this window count once.
const REPEAT_WINDOW_MS = 1000;

/** Signals received so far; `reason()` is what renderImages' `shouldStop` expects. */
export interface StopSignals {
  /** Name of the first stop signal received, or undefined. */
  reason(): string | undefined;
  /** Exit status for the first signal received (130 or 143), or 0. */
  exitStatus(): number;
  /** Removes the handlers, restoring the default action of each signal. */
  dispose(): void;
}

/**
 * Installs SIGINT and SIGTERM handlers for a render run. The first signal is logged and recorded,
 * so the run stops after writing the batch in flight. A second signal (more than a second later)
 * exits at once with 130 or 143; the images of the batch in flight are then lost, never half written.
 */
export function watchStopSignals(log: (message: string) => void): StopSignals {
  let received: StopSignal | undefined;
  let receivedAt = 0;

  const handler = (signal: StopSignal): void => {
    if (received === undefined) {
      received = signal;
      receivedAt = Date.now();
      log(`${signal} received: finishing the batch in flight, then stopping; send it again to stop at once`);
      return;
    }
    if (Date.now() - receivedAt < REPEAT_WINDOW_MS) return;
    log(`${signal} received again: stopping now without the batch in flight; rerun the same command to resume`);
    process.exit(SIGNAL_EXIT_STATUS[signal]);
  };

  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return {
    reason: () => received,
    exitStatus: () => (received === undefined ? 0 : SIGNAL_EXIT_STATUS[received]),
    dispose: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, handler);
    },
  };
}
