/**
 * What stalls the bench's server, printed to its stderr every
 * BENCH_TRACE_SECONDS (5): how long its event loop was blocked (p50, p99,
 * max) and its garbage collections (count, total, longest). Loaded into
 * the server only when asked: `BENCH_NODE_OPTIONS="--import ./bench/trace.mjs"` (plain JavaScript: it loads before tsx).
 * On PGlite every statement runs on the server's own thread, so a long
 * statement (a chainer round, a group commit) shows here as a blocked loop.
 */
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import process from 'node:process';
import { setInterval } from 'node:timers';

const every = Number(process.env.BENCH_TRACE_SECONDS ?? 5) * 1000;
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let gc = { count: 0, total: 0, max: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count += 1;
    gc.total += entry.duration;
    gc.max = Math.max(gc.max, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

const ms = (ns) => (ns / 1e6).toFixed(0).padStart(5);
setInterval(() => {
  process.stderr.write(
    `[trace] loop blocked p50 ${ms(loop.percentile(50))} ms  p99 ${ms(loop.percentile(99))} ms  max ${ms(loop.max)} ms` +
      ` | gc ${String(gc.count).padStart(4)} runs, ${gc.total.toFixed(0).padStart(5)} ms in all, longest ${gc.max.toFixed(0).padStart(4)} ms\n`,
  );
  loop.reset();
  gc = { count: 0, total: 0, max: 0 };
}, every).unref();
