-- wrk script for bench/api: optional token, optional rotation over slugs, and a one-line result.
--   wrk ... -s bench/wrk.lua URL -- <token|-> <slugs file|->
local token, slugs, counter = nil, {}, 0

function init(args)
  if args[1] and args[1] ~= "-" then token = args[1] end
  if args[2] and args[2] ~= "-" then
    for line in io.lines(args[2]) do slugs[#slugs + 1] = line end
  end
  -- Each wrk thread starts at a different place in the slug list.
  counter = math.random(1, math.max(#slugs, 1))
end

function request()
  local headers = {}
  if token then headers["Authorization"] = "Token " .. token end
  local path = wrk.path
  if #slugs > 0 then
    counter = counter % #slugs + 1
    path = wrk.path .. slugs[counter]
  end
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, summary.requests))
end
