-- wrk script: GET /api/search with a different query (and now and then a filter or a later
-- page) on every request, so the index cannot answer from one warm posting list.
local queries = {
  "flood", "river", "levee", "sandbags", "council budget", "property tax", "transit",
  "bus route", "rail line", "company", "factory jobs", "hospital", "nurses", "court",
  "jury", "trial", "fire", "firefighters", "school", "teachers", "mayor", "emergency",
  "flood defences", "farmers fields", "evacuation centre", "budget vote", "fare",
  "ward", "judge", "blaze", "students", "pumping station", "water board", "shelter",
  "crews", "residents", "officials said", "night", "weekend", "report",
}
local filters = { "", "", "", "&lang=en", "&from=2024-01-01", "&page=2", "&page=3" }
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local f = filters[(n % #filters) + 1]
  return wrk.format("GET", "/api/search?q=" .. q:gsub(" ", "+") .. f)
end
dofile("bench/serve/report.lua")
