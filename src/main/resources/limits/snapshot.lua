-- A tenant's usage and bucket levels now, changing nothing.
-- KEYS[1] calls in flight, KEYS[2] today's usage, KEYS[3] this month's usage, KEYS[4..] buckets; ARGV per bucket: per minute.
-- Returns {calls in flight, today's six counters, this month's six counters, then per bucket: level}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local result = {redis.call('ZCOUNT', KEYS[1], now, '+inf')}
local fields = {'requests', 'input', 'output', 'cache_read', 'cache_write', 'cost'}
for k = 2, 3 do
  local values = redis.call('HMGET', KEYS[k], unpack(fields))
  for f = 1, 6 do
    table.insert(result, tonumber(values[f] or '0'))
  end
end
for i = 4, #KEYS do
  local per = tonumber(ARGV[i - 3])
  local state = redis.call('HMGET', KEYS[i], 'l', 't')
  local level = per
  if state[1] then
    level = math.min(per, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * per / 60000)
  end
  table.insert(result, math.max(0, math.floor(level)))
end
return result
