/**
 * An open-loop load at a fixed rate: one request every 1/rate seconds, sent
 * on time whether or not earlier ones have been answered — as calls reach
 * the helpline, independently of each other.
 *
 * Why not autocannon's overallRate: it lets each connection send its share
 * of a second back to back and then wait for the next second, so "200/s"
 * is a burst of 200 requests at the start of every second, and its p99 is
 * the queue of that burst. Here each latency is measured from the instant
 * the request was due (not from when it could be sent), so a server that
 * falls behind cannot hide its queue (no coordinated omission).
 */
import http from 'node:http';

export interface PacedResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
}

export async function paced(
  base: string,
  /** `next` gives each request's path, or its path and headers of its own (the operators in turn, each with her session). */
  options: { rate: number; seconds: number; next: () => string | { path: string; headers: Record<string, string> }; headers?: Record<string, string> },
): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();

  const send = (due: number, target: string | { path: string; headers: Record<string, string> }) =>
    new Promise<void>((resolve) => {
      const { path, headers } = typeof target === 'string' ? { path: target, headers: {} } : target;
      const req = http.get(`${base}${path}`, { agent, headers: { ...options.headers, ...headers } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - due);
          if (!res.statusCode || res.statusCode >= 300) non2xx++;
          resolve();
        });
      });
      req.on('error', () => {
        non2xx++;
        resolve();
      });
    });

  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(due, options.next()));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { rps: total / elapsed, p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0), non2xx };
}
