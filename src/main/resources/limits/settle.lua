-- Ends one admitted call: frees its place among the calls in flight, returns the unused part of its token
-- reservation to its token buckets, and adds its usage to today's and this month's counters.
-- KEYS[1] calls in flight, KEYS[2] today's usage, KEYS[3] this month's usage, KEYS[4..] token buckets.
-- ARGV[1] call id, ARGV[2] token refund (negative: used more than reserved), ARGV[3] input, ARGV[4] output,
-- ARGV[5] cache read, ARGV[6] cache write, ARGV[7] cost micro-USD, ARGV[8] ms to day end, ARGV[9] ms to month end,
-- then per bucket: per minute.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local minute = 60000
redis.call('ZREM', KEYS[1], ARGV[1])
local refund = tonumber(ARGV[2])
if refund ~= 0 then
  for i = 4, #KEYS do
    local per = tonumber(ARGV[6 + i])
    local state = redis.call('HMGET', KEYS[i], 'l', 't')
    local level = per
    if state[1] then
      level = math.min(per, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * per / minute)
    end
    local after = math.min(per, level + refund)
    redis.call('HSET', KEYS[i], 'l', tostring(after), 't', now)
    -- Kept until it would be full again, so a debt larger than a minute's worth is paid in full.
    redis.call('PEXPIRE', KEYS[i], math.max(2 * minute, math.ceil((per - after) * minute / per)))
  end
end
local fields = {'requests', 'input', 'output', 'cache_read', 'cache_write', 'cost'}
local amounts = {1, ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]}
for k = 2, 3 do
  for f = 1, 6 do
    redis.call('HINCRBY', KEYS[k], fields[f], amounts[f])
  end
end
-- Kept a day past their period, so that /v1/usage still answers for the period that just ended.
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[8]) + 86400000)
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[9]) + 86400000)
return 1
