-- The public area's request counters need no durability: a crash may forget the last minute's counts (the
-- limits start again), but each public request no longer waits for a WAL flush (about 9 ms on PostgreSQL
-- on a 2-core machine, 1.3 ms unlogged). The failure windows (rate_limit_hits) stay logged: they guard logins.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
