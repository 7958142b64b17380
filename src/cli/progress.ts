// Progress output of long renders on stderr: a redrawn bar on a terminal, plain periodic lines in
// logs, or one JSON object per batch for pipelines. Stdout stays free for the final summary.
import { InputError } from '../errors.js';
import type { RenderProgress } from '../dataset/render-images.js';

/** Values of --progress. `auto` is a bar when stderr is a terminal and lines otherwise. */
export const PROGRESS_MODES = ['auto', 'bar', 'lines', 'json', 'none'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** Receives the progress of one run; `finish` ends the output (the bar's line) and stops timers. */
export interface ProgressReporter {
  update(progress: RenderProgress): void;
  finish(): void;
}

/** Options of {@link createProgressReporter}; the defaults suit the CLI. */
export interface ProgressOptions {
  /** Output stream; default process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Name of the counted items, shown before the bar and in lines; default "images". */
  label?: string;
  /** Minimum time between two plain lines, in seconds; default 10. The last batch always prints. */
  lineIntervalSeconds?: number;
  /** Clock in seconds; tests replace it. */
  now?: () => number;
  /** Redraw the bar every second so that elapsed time moves between batches; default true. */
  tick?: boolean;
}

/** Rate and time left after one batch. */
export interface ProgressEstimate {
  /** Images per second; NaN before anything is rendered. */
  rate: number;
  /** Seconds left at that rate; NaN when unknown. */
  secondsLeft: number;
}

/**
 * Parses --progress. Without it, --quiet means `none` and anything else `auto`; an explicit mode
 * wins over --quiet, so `--quiet --progress json` gives JSON and no summary line.
 */
export function parseProgressMode(text: string | undefined, quiet: boolean): ProgressMode {
  if (text === undefined) return quiet ? 'none' : 'auto';
  const mode = PROGRESS_MODES.find((candidate) => candidate === text);
  if (!mode) throw new InputError(`invalid --progress ${JSON.stringify(text)}; give one of ${PROGRESS_MODES.join(', ')}`);
  return mode;
}

/** Formats seconds as m:ss or h:mm:ss, and "?" when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/**
 * Estimates the rate and time left. The first batch also pays for device creation and shader
 * compilation, so from the second batch on the rate counts only the time since the first batch.
 */
export class RateEstimator {
  private first: RenderProgress | undefined;

  estimate(progress: RenderProgress): ProgressEstimate {
    if (progress.rendered > 0) this.first ??= progress;
    const since = this.first ?? progress;
    let rate = NaN;
    if (progress.rendered > since.rendered && progress.elapsedSeconds > since.elapsedSeconds) {
      rate = (progress.rendered - since.rendered) / (progress.elapsedSeconds - since.elapsedSeconds);
    } else if (progress.rendered > 0 && progress.elapsedSeconds > 0) {
      rate = progress.rendered / progress.elapsedSeconds;
    }
    const left = progress.toRender - progress.rendered;
    return { rate, secondsLeft: left === 0 ? 0 : left / rate };
  }
}

function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return '? images/s';
  return rate >= 1 ? `${rate.toFixed(1)} images/s` : `${(60 * rate).toFixed(1)} images/min`;
}

function percent(progress: RenderProgress): number {
  return progress.toRender === 0 ? 100 : (100 * progress.rendered) / progress.toRender;
}

/** Formats one text line: counts, percentage, rate, elapsed time and time left. */
export function describeProgress(label: string, progress: RenderProgress, estimate: ProgressEstimate, elapsedSeconds = progress.elapsedSeconds): string {
  const skipped = progress.skipped > 0 ? ` (${progress.skipped} existing skipped)` : '';
  return (
    `${label} ${progress.rendered}/${progress.toRender}${skipped} ${percent(progress).toFixed(0)}%, ${formatRate(estimate.rate)}, ` +
    `elapsed ${formatDuration(elapsedSeconds)}, ETA ${formatDuration(estimate.secondsLeft)}`
  );
}

/** Bar redrawn in place with a carriage return; the line ends on the last batch or on finish. */
class BarReporter implements ProgressReporter {
  private readonly estimator = new RateEstimator();
  private last: { progress: RenderProgress; estimate: ProgressEstimate; at: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private open = false;

  constructor(private readonly stream: NonNullable<ProgressOptions['stream']>, private readonly label: string, private readonly now: () => number, private readonly tick: boolean) {}

  update(progress: RenderProgress): void {
    if (this.tick && !this.timer) {
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref();
    }
    this.last = { progress, estimate: this.estimator.estimate(progress), at: this.now() };
    this.draw();
    if (progress.rendered >= progress.toRender) this.finish();
  }

  finish(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.open) this.stream.write('\n');
    this.open = false;
  }

  private draw(): void {
    if (!this.last) return;
    const { progress, estimate, at } = this.last;
    const waited = this.now() - at;
    const elapsed = progress.elapsedSeconds + waited;
    const secondsLeft = Math.max(0, estimate.secondsLeft - waited);
    const text = ` ${describeProgress('', progress, { rate: estimate.rate, secondsLeft }, elapsed).trim()}`;

    // The bar width depends only on the terminal width, so that it does not jump as the text changes.
    const columns = this.stream.columns || 80;
    const width = Math.max(10, Math.min(30, columns - this.label.length - 64));
    const filled = Math.round((width * percent(progress)) / 100);
    const bar = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${text}`;
    this.stream.write(`\r${bar.slice(0, Math.max(columns - 1, 20))}\x1b[K`);
    this.open = true;
  }
}

/** Plain lines for logs: the first batch, then at most one line per interval, and the last batch. */
class LineReporter implements ProgressReporter {
  private readonly estimator = new RateEstimator();
  private lastLine = -Infinity;

  constructor(private readonly stream: NonNullable<ProgressOptions['stream']>, private readonly label: string, private readonly now: () => number, private readonly interval: number) {}

  update(progress: RenderProgress): void {
    const estimate = this.estimator.estimate(progress);
    const done = progress.rendered >= progress.toRender;
    if (!done && this.now() - this.lastLine < this.interval) return;
    this.lastLine = this.now();
    this.stream.write(`${describeProgress(this.label, progress, estimate)}\n`);
  }

  finish(): void {}
}

/** One JSON object per batch and line, with rates in images per second and times in seconds. */
class JsonReporter implements ProgressReporter {
  private readonly estimator = new RateEstimator();

  constructor(private readonly stream: NonNullable<ProgressOptions['stream']>, private readonly label: string) {}

  update(progress: RenderProgress): void {
    const { rate, secondsLeft } = this.estimator.estimate(progress);
    const finite = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(3)) : null);
    const record = {
      event: 'progress',
      stage: this.label,
      rendered: progress.rendered,
      toRender: progress.toRender,
      skipped: progress.skipped,
      elapsedSeconds: Number(progress.elapsedSeconds.toFixed(3)),
      imagesPerSecond: finite(rate),
      etaSeconds: finite(secondsLeft),
      rays: progress.rays,
      batchGpuMilliseconds: Number(progress.batchGpuMilliseconds.toFixed(1)),
    };
    this.stream.write(`${JSON.stringify(record)}\n`);
  }

  finish(): void {}
}

/** Creates the reporter for `mode`; `auto` picks the bar when the stream is a terminal (and TERM is not "dumb"). */
export function createProgressReporter(mode: ProgressMode, options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const label = options.label ?? 'images';
  const now = options.now ?? (() => performance.now() / 1000);
  let resolved: Exclude<ProgressMode, 'auto'>;
  if (mode === 'auto') resolved = stream.isTTY && process.env.TERM !== 'dumb' ? 'bar' : 'lines';
  else resolved = mode;
  switch (resolved) {
    case 'bar':
      return new BarReporter(stream, label, now, options.tick ?? true);
    case 'lines':
      return new LineReporter(stream, label, now, options.lineIntervalSeconds ?? 10);
    case 'json':
      return new JsonReporter(stream, label);
    case 'none':
      return { update: () => undefined, finish: () => undefined };
  }
}
