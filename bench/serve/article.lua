-- wrk script: GET /a/{id} (the reader's article page: article, "Also published by" and the
-- related rail) over the ids in ids.txt, one after another.
local ids = {}
for line in io.lines(os.getenv("IDS") or "bench/serve/ids.txt") do
  if #line == 16 then ids[#ids + 1] = line end
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/a/" .. ids[(n % #ids) + 1])
end
dofile("bench/serve/report.lua")
