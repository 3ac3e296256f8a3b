-- wrk script for bench/soak: a steady mix of reads and writes as one signed-in user, paced so the
-- whole run offers about RATE requests/s (each connection waits conns/RATE s between requests).
--   wrk ... -s bench/soak.lua URL -- <token> <slugs file> <rate> <connections>
-- Mix: 40% list, 20% one article, 10% feed, 10% tags, 10% new article (3 tags), 5% comment,
-- 5% favorite. Prints one line: RESULT requests p50_ms p99_ms socket_errors non_2xx.
local token, slugs, pause, counter, id = nil, {}, 0, 0, 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  token = args[1]
  for line in io.lines(args[2]) do slugs[#slugs + 1] = line end
  local rate, conns = tonumber(args[3]), tonumber(args[4])
  pause = math.floor(1000 * conns / rate)
  math.randomseed(os.time() + (id or 0) * 7919)
end

local function slug() return slugs[math.random(1, #slugs)] end

function request()
  counter = counter + 1
  local headers = { ["Authorization"] = "Token " .. token, ["Content-Type"] = "application/json" }
  local r = math.random(1, 100)
  if r <= 40 then
    return wrk.format("GET", "/api/articles?limit=20&offset=" .. math.random(0, 5) * 20, headers)
  elseif r <= 60 then
    return wrk.format("GET", "/api/articles/" .. slug(), headers)
  elseif r <= 70 then
    return wrk.format("GET", "/api/articles/feed?limit=20", headers)
  elseif r <= 80 then
    return wrk.format("GET", "/api/tags", headers)
  elseif r <= 90 then
    local title = string.format("soak %d-%d-%d", id or 0, os.time(), counter)
    local body = string.format(
      '{"article":{"title":"%s","description":"soak","body":"%s","tagList":["soak","topic%02d","t%d"]}}',
      title, string.rep("lorem ipsum ", 40), math.random(0, 59), math.random(0, 999))
    return wrk.format("POST", "/api/articles", headers, body)
  elseif r <= 95 then
    return wrk.format("POST", "/api/articles/" .. slug() .. "/comments", headers,
      '{"comment":{"body":"soak comment"}}')
  else
    return wrk.format("POST", "/api/articles/" .. slug() .. "/favorite", headers)
  end
end

function delay()
  return pause
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.2f %.2f %d %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
