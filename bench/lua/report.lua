-- Appended to every scenario: print wrk's own figures as one JSON line the runner reads.
-- Scenarios that count acknowledgements define `acknowledged(threads)` returning a JSON fragment.

done = function(summary, latency, requests)
  local errors = summary.errors
  local extra = ""
  if acknowledged ~= nil then
    extra = "," .. acknowledged()
  end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"latency_us":{"p50":%.1f,"p90":%.1f,"p99":%.1f,"max":%.1f,"mean":%.1f},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}%s}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout, extra))
end
