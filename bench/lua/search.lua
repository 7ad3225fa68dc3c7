-- Search the agreements with a new question each request: one of the words in `params.words`, and a
-- counter the service ignores but which makes every URL new, so no answer kept from before serves it.
-- The runner prepends `params`: words = {...}.

local counter = 0

request = function()
  counter = counter + 1
  local word = params.words[counter % #params.words + 1]
  return wrk.format("GET", "/api/v1/agreements?limit=20&q=" .. word .. "&fresh=" .. counter)
end
