-- wrk script: records door-to-door visits as fast as it can, for a random household of
-- the demo county each time. Arguments (after --): cookie, csrf token, campaign id,
-- first and last household id.
local cookie, csrf, campaign, first, last
local counter = 0

function init(args)
  cookie, csrf = args[1], args[2]
  campaign, first, last = tonumber(args[3]), tonumber(args[4]), tonumber(args[5])
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end

function request()
  counter = counter + 1
  local household = math.random(first, last)
  local body = string.format(
    '{"campaign_id":%d,"household_id":%d,"face_to_face":true,"letter_signed":%s,' ..
    '"topics":["online_loan","click_farming"],"materials":["notice"]}',
    campaign, household, counter % 3 == 0 and "true" or "false")
  return wrk.format("POST", "/api/visits", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = cookie,
    ["X-CSRF-Token"] = csrf,
  }, body)
end

local statuses = {}
function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write("-- statuses: ")
  for status, count in pairs(statuses) do
    io.write(string.format("%d=%d ", status, count))
  end
  io.write("\n")
end
