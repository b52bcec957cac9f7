-- wrk script of the turn benchmark (scripts/bench-turns.sh): each request is a personal-chat message activity
-- ("帮助" by default) from one of the seeded volunteers, round-robin, shaped like the Playground's.
-- wrk -s bench/turns/message.lua URL -- SERVICE_URL USERS_FILE [TEXT]
local bodies = {}
local next_body = 1

function init(args)
  local service_url, users_file, text = args[1], args[2], args[3] or "帮助"
  local ids = {}
  for line in io.lines(users_file) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  -- Threads start at different users so they do not march in step.
  for i, id in ipairs(ids) do
    bodies[#bodies + 1] = string.format(
      '{"type":"message","id":"bench-%d","timestamp":"2026-12-03T08:00:00.000Z","serviceUrl":"%s","channelId":"msteams",' ..
      '"from":{"id":"29:%s","name":"志愿者","aadObjectId":"%s"},' ..
      '"conversation":{"conversationType":"personal","tenantId":"72f988bf-0000-4000-8000-00000000c0de","id":"a:personal-%s"},' ..
      '"recipient":{"id":"28:00000000-0000-0000-0000-00000000b075","name":"学雷锋志愿服务"},"locale":"en-US",' ..
      '"channelData":{"tenant":{"id":"72f988bf-0000-4000-8000-00000000c0de"}},"text":"%s","textFormat":"plain"}',
      i, service_url, id, id, id, text)
  end
  next_body = math.random(#bodies)
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/api/messages", { ["Content-Type"] = "application/json" }, body)
end
