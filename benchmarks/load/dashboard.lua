-- wrk script for benchmarks/dashboard-load.sh: requests the paths of a file (one a line) in turn, each thread starting
-- at a different place, and counts every response that is not 2xx as a failure (a 302 to the sign-in page included).
--   wrk -c 20 -t 2 -d 60s -H "Cookie: ..." -s benchmarks/load/dashboard.lua https://127.0.0.1:PORT -- URLS_FILE LABEL
local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local paths = {}
local next_path = 1
label = "all"
non2xx = 0
statuses = ""

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no paths in " .. args[1])
  end
  label = args[2] or label
  next_path = (index * math.floor(#paths / 2)) % #paths + 1
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end

local seen = {}

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    seen[status] = (seen[status] or 0) + 1
    local parts = {}
    for code, n in pairs(seen) do
      parts[#parts + 1] = code .. "x" .. n
    end
    statuses = table.concat(parts, " ")
  end
end

function done(summary, latency, requests)
  local failed, codes, label = 0, {}, threads[1]:get("label")
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("non2xx")
    local s = thread:get("statuses")
    if s ~= "" then
      codes[#codes + 1] = s
    end
  end
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  local ms = function(p) return latency:percentile(p) / 1000 end
  -- One line a shell can parse (key=value); then the non-2xx statuses seen, if any.
  io.write(string.format(
    "RESULT label=%s requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p90_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d\n",
    label, summary.requests, seconds, summary.requests / seconds, ms(50), ms(90), ms(95), ms(99), latency.max / 1000, failed,
    errors.connect + errors.read + errors.write + errors.timeout))
  if #codes > 0 then
    io.write("non-2xx statuses (per thread): " .. table.concat(codes, "; ") .. "\n")
  end
end
