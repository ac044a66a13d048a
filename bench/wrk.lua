-- One page under load: wrk sends the same request from every connection.
-- BENCH_COOKIE signs the requests in; BENCH_HOST names another network's host (its Host header);
-- BENCH_RESULT is where done() writes the figures as JSON.
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Language"] = "el"
local host = os.getenv("BENCH_HOST")
if host ~= nil and host ~= "" then
  wrk.headers["Host"] = host
end
local cookie = os.getenv("BENCH_COOKIE")
if cookie ~= nil and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

done = function(summary, latency, requests)
  local errors = summary.errors
  local out = assert(io.open(os.getenv("BENCH_RESULT"), "w"))
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
  out:close()
end
