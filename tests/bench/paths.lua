-- wrk script: GET a path taken from a file, one path per line.
-- Arguments after "--": FILE [random|sequential] [TOKEN] [COOKIE]
--   random      pick a random line for every request (the default)
--   sequential  walk the file in order, each thread from its own offset (cache warm-up)
--   TOKEN       send it as the session cookie: a logged-in visitor
--   COOKIE      a whole Cookie header instead (a visitor with a cart: its
--               bz_visitor id and header key)
local paths = {}
local mode = "random"
local pos = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_no", counter)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  mode = args[2] or "random"
  if args[3] and #args[3] > 0 then
    wrk.headers["Cookie"] = "bz_session=" .. args[3]
  end
  if args[4] and #args[4] > 0 then
    wrk.headers["Cookie"] = args[4]
  end
  local n = tonumber(thread_no) or 1
  math.randomseed(os.time() * 1000 + n)
  pos = math.floor((#paths / 4) * ((n - 1) % 4))
end

function request()
  local p
  if mode == "sequential" then
    pos = pos % #paths + 1
    p = paths[pos]
  else
    p = paths[math.random(#paths)]
  end
  return wrk.format("GET", p)
end
