import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../src/errors.js';
import type { RenderProgress } from '../src/dataset/render-images.js';
import { createProgressReporter, formatDuration, parseProgressMode, RateEstimator, type ProgressOptions } from '../src/cli/progress.js';

/** Creates a stream that records what is written, with a settable terminal flag and width. */
function fakeStream(isTTY: boolean, columns = 100): NonNullable<ProgressOptions['stream']> & { text: string } {
  const stream = {
    text: '',
    isTTY,
    columns,
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream as unknown as NonNullable<ProgressOptions['stream']> & { text: string };
}

function progress(rendered: number, elapsedSeconds: number, toRender = 100): RenderProgress {
  return { rendered, toRender, skipped: 0, elapsedSeconds, rays: rendered * 1000, batchGpuMilliseconds: 12.34 };
}

test('parseProgressMode defaults and quiet', () => {
  assert.is(parseProgressMode(undefined, false), 'auto');
  assert.is(parseProgressMode(undefined, true), 'none');
  assert.is(parseProgressMode('json', true), 'json');
  assert.throws(() => parseProgressMode('fancy', false), (error: Error) => error instanceof InputError && /auto, bar, lines, json, none/.test(error.message));
});

test('formatDuration minutes and hours', () => {
  assert.is(formatDuration(0), '0:00');
  assert.is(formatDuration(65.4), '1:05');
  assert.is(formatDuration(3 * 3600 + 7 * 60 + 9), '3:07:09');
  assert.is(formatDuration(NaN), '?');
});

test('RateEstimator leaves the first batch out', () => {
  const estimator = new RateEstimator();
  const start = estimator.estimate(progress(0, 0.5));
  assert.ok(Number.isNaN(start.rate));
  assert.ok(Number.isNaN(start.secondsLeft));
  // The first batch of 10 took 20 s including start-up; later batches take 5 s each.
  const first = estimator.estimate(progress(10, 20));
  assert.is(first.rate, 0.5);
  assert.is(first.secondsLeft, 180);
  const second = estimator.estimate(progress(20, 25));
  assert.is(second.rate, 2);
  assert.is(second.secondsLeft, 40);
  assert.is(estimator.estimate(progress(100, 65)).secondsLeft, 0);
});

test('json mode writes one object per batch', () => {
  const stream = fakeStream(true);
  const reporter = createProgressReporter('json', { stream, label: 'images' });
  reporter.update(progress(10, 20));
  reporter.update(progress(20, 25));
  reporter.finish();
  const lines = stream.text.trimEnd().split('\n');
  assert.is(lines.length, 2);
  const record = JSON.parse(lines[1]);
  assert.is(record.event, 'progress');
  assert.is(record.stage, 'images');
  assert.is(record.rendered, 20);
  assert.is(record.toRender, 100);
  assert.is(record.imagesPerSecond, 2);
  assert.is(record.etaSeconds, 40);
  assert.is(record.rays, 20000);
});

test('lines mode prints at most once per interval', () => {
  let now = 0;
  const stream = fakeStream(false);
  const reporter = createProgressReporter('auto', { stream, now: () => now, lineIntervalSeconds: 10 });
  for (let batch = 1; batch <= 10; batch++) {
    now = batch * 3;
    reporter.update(progress(batch * 10, now));
  }
  reporter.finish();
  const lines = stream.text.trimEnd().split('\n');
  // Batches at 3 s (first), 15 s, 27 s and the last one at 30 s.
  assert.is(lines.length, 4);
  assert.match(lines[0], /^images 10\/100 10%, /);
  assert.match(lines[3], /^images 100\/100 100%, .*ETA 0:00$/);
  assert.not.match(stream.text, '\r');
});

test('bar mode redraws one line and ends it', () => {
  const stream = fakeStream(true, 90);
  const reporter = createProgressReporter('auto', { stream, now: () => 0, tick: false });
  reporter.update(progress(50, 10));
  assert.ok(stream.text.startsWith('\r'));
  assert.match(stream.text, /images \[#+\.+\] 50\/100 50%, 5\.0 images\/s, elapsed 0:10, ETA 0:10/);
  assert.not.match(stream.text, '\n');
  reporter.update(progress(100, 20));
  assert.ok(stream.text.endsWith('\n'));
  const lastDraw = stream.text.split('\r').at(-1)!;
  assert.ok(lastDraw.replace(/\x1b\[K\n$/, '').length <= 89, lastDraw);
  reporter.finish();
  assert.is(stream.text.split('\n').length, 2);
});

test('none mode writes nothing', () => {
  const stream = fakeStream(true);
  const reporter = createProgressReporter('none', { stream });
  reporter.update(progress(100, 1));
  reporter.finish();
  assert.is(stream.text, '');
});

test.run();
