-- Shared by every benchmark script: spread requests over many client addresses (the
-- internal listener trusts X-Forwarded-For from loopback, as for the Next server), count
-- statuses and replicas per thread, and print one JSON line with the totals at the end.
-- Settings come from environment variables set by bench/run.py:
--   BENCH_PATHS   file with one request path per line (cycled)
--   BENCH_TOKENS  file with one access token per line (cycled; empty: anonymous)
--   BENCH_METHOD  GET (default) or POST;  BENCH_BODIES file with one JSON body per line
--   BENCH_DELAY_MS  pause per connection between requests (to run below the maximum rate)
--   BENCH_XFF     1 (default): a different client address per request
--   BENCH_COOKIE  a Cookie header for every request (nginx's micro-cache steps aside)
local threads = {}
local counter = 0

local function lines(name)
  local out = {}
  local f = name and name ~= "" and io.open(name, "r")
  if f then
    for line in f:lines() do if line ~= "" then out[#out + 1] = line end end
    f:close()
  end
  return out
end

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  paths = lines(os.getenv("BENCH_PATHS"))
  if #paths == 0 then paths = { wrk.path } end
  tokens = lines(os.getenv("BENCH_TOKENS"))
  bodies = lines(os.getenv("BENCH_BODIES"))
  method = os.getenv("BENCH_METHOD") or "GET"
  delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
  xff = (os.getenv("BENCH_XFF") or "1") == "1"
  cookie = os.getenv("BENCH_COOKIE") or ""
  statuses = {}
  replicas = {}
  n = id * 7919
end

function request()
  n = n + 1
  local headers = { ["Accept"] = "application/json" }
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] end
  if cookie ~= "" then headers["Cookie"] = cookie end
  if xff then
    local a = n % 4000
    headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", id % 250, math.floor(a / 250), a % 250 + 1)
  end
  local body = nil
  if #bodies > 0 then
    body = bodies[(n % #bodies) + 1]
    headers["Content-Type"] = "application/json"
  end
  return wrk.format(method, paths[(n % #paths) + 1], headers, body)
end

if (os.getenv("BENCH_DELAY_MS") or "0") ~= "0" then
  function delay()
    return delay_ms
  end
end

function response(status, headers, body)
  local s = tostring(status)
  statuses[s] = (statuses[s] or 0) + 1
  local r = headers["X-Replica"] or headers["x-replica"] or "-"
  replicas[r] = (replicas[r] or 0) + 1
end

function done(summary, latency, requests)
  local st, rp = {}, {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses") or {}) do st[k] = (st[k] or 0) + v end
    for k, v in pairs(t:get("replicas") or {}) do rp[k] = (rp[k] or 0) + v end
  end
  local function obj(tbl)
    local parts = {}
    for k, v in pairs(tbl) do parts[#parts + 1] = string.format('"%s": %d', k, v) end
    return "{" .. table.concat(parts, ", ") .. "}"
  end
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}, '
    .. '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}, "statuses": %s, "replicas": %s}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean, obj(st), obj(rp)))
end
