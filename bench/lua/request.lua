-- Each request is drawn at random from the scenario's data file (its path is the first
-- argument after `--`): a path (and a method when there are several), and a bearer token
-- and a JSON body when it has them.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("number", #threads)
end

function init(args)
   data = dofile(args[1])
   math.randomseed(os.time() * 31 + number)
   statuses = {}
end

function request()
   local headers = {}
   if data.tokens then
      headers["Authorization"] = "Bearer " .. data.tokens[math.random(#data.tokens)]
   end
   local body = nil
   if data.body then
      body = string.format(data.body, math.random(1000000000))
      headers["Content-Type"] = "application/json"
   end
   local method = data.method
   if data.methods then
      method = data.methods[math.random(#data.methods)]  -- e.g. like or unlike, half each
   end
   return wrk.format(method, data.paths[math.random(#data.paths)], headers, body)
end

function done(summary, latency, requests)
   local tally = {}
   for _, thread in ipairs(threads) do
      local counted = thread:get("statuses") or {}
      for status, count in pairs(counted) do
         tally[status] = (tally[status] or 0) + count
      end
   end
   local parts = {}
   for status, count in pairs(tally) do
      table.insert(parts, string.format('"%s": %d', status, count))
   end
   local errors = summary.errors
   io.write(string.format(
      'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
      '"socket_errors": %d, "non_2xx": %d, "timeouts": %d, "statuses": {%s}}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      errors.connect + errors.read + errors.write, errors.status, errors.timeout,
      table.concat(parts, ", ")))
end
