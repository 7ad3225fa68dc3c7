-- POST a fulfilment update per request, each with an Idempotency-Key never used before, spread over
-- many agreements; count what the server acknowledged (2xx) and the quantities it acknowledged.
-- The runner prepends `params`: token, run, day, ids_path and targets = {{a=, c=, r1=, r2=}, ...}.

local threads = {}

setup = function(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

init = function(args)
  counter = 0
  acked = 0
  acked_quantity = 0
  failed = 0
  failure = ""
  ids = {}
  auth = "Bearer " .. params.token
end

request = function()
  counter = counter + 1
  local target = params.targets[(counter * 7919 + tid) % #params.targets + 1]
  local first = counter % 37 + 1
  local second = (counter * 3 + tid) % 41 + 1
  local body = string.format(
    '{"occurred_on":"%s","stage":"bench","source":{"publisher":"Benchmark monitor"},"lines":[' ..
    '{"commitment_id":"%s","recipient_id":"%s","quantity":%d},' ..
    '{"commitment_id":"%s","recipient_id":"%s","quantity":%d}]}',
    params.day, target.c, target.r1, first, target.c, target.r2, second)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = auth,
    ["Idempotency-Key"] = params.run .. "-" .. tid .. "-" .. counter,
  }
  return wrk.format("POST", "/api/v1/agreements/" .. target.a .. "/updates", headers, body)
end

response = function(status, headers, body)
  if status >= 200 and status < 300 then
    acked = acked + 1
    ids[#ids + 1] = string.match(body, '"id":%s*"([^"]+)"') or "?"
    local lines = string.match(body, '"lines":%s*(%b[])') or ""
    for quantity in string.gmatch(lines, '"quantity":%s*(%d+)') do
      acked_quantity = acked_quantity + tonumber(quantity)
    end
  else
    failed = failed + 1
    failure = status .. " " .. string.sub(body, 1, 300)
  end
end

acknowledged = function()
  local total, quantity, failures, last = 0, 0, 0, ""
  local out = io.open(params.ids_path, "w")
  for _, thread in ipairs(threads) do
    total = total + thread:get("acked")
    quantity = quantity + thread:get("acked_quantity")
    failures = failures + thread:get("failed")
    if thread:get("failure") ~= "" then last = thread:get("failure") end
    for _, id in ipairs(thread:get("ids")) do out:write(id, "\n") end
  end
  out:close()
  last = string.gsub(last, '[%c"\\]', " ")
  return string.format('"acknowledged":%d,"acknowledged_quantity":%d,"failed":%d,"last_failure":"%s"',
    total, quantity, failures, last)
end
