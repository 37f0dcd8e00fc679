-- Admits one call, atomically, in one round trip: the same arithmetic as TokenBuckets and MemoryLimitStore.
-- KEYS[1] calls in flight (sorted set: call id -> lease end), KEYS[2] today's usage, KEYS[3] this month's usage,
-- KEYS[4..] the buckets (hashes: l = level, t = last update in ms).
-- ARGV[1] call id, ARGV[2] concurrency limit (0: none), ARGV[3] lease ms, ARGV[4] day budget (micro-USD, 0: none),
-- ARGV[5] month budget, ARGV[6] ms to day end, ARGV[7] ms to month end, then per bucket: per minute, need.
-- Returns {refusal, bucket index (0-based, -1), retry-after ms, then per bucket: remaining, reset ms}.
-- Refusal: 0 none, 1 bucket, 2 concurrency, 3 day budget, 4 month budget. Time is Redis's, the same for every replica
-- (writing after TIME needs script effects replication: Redis 5 or later, the default since then).
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local minute = 60000
local buckets = #KEYS - 3
local levels = {}
local refusal, refusing, retry = 0, -1, 0
for i = 1, buckets do
  local per = tonumber(ARGV[6 + 2 * i])
  local need = tonumber(ARGV[7 + 2 * i])
  local state = redis.call('HMGET', KEYS[3 + i], 'l', 't')
  local level = per
  if state[1] then
    level = math.min(per, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * per / minute)
  end
  levels[i] = level
  -- The longest wait of all short buckets: a retry after a shorter one would be refused again.
  if level < need then
    local wait = math.ceil((need - level) * minute / per)
    if wait > retry then
      refusal, refusing, retry = 1, i - 1, wait
    end
  end
end
local concurrency = tonumber(ARGV[2])
if concurrency > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
end
if refusal == 0 and concurrency > 0 and redis.call('ZCARD', KEYS[1]) >= concurrency then
  refusal, retry = 2, 1000
end
-- The month before the day: with both spent, only the month's end brings room.
if refusal == 0 and tonumber(ARGV[5]) > 0 and tonumber(redis.call('HGET', KEYS[3], 'cost') or '0') >= tonumber(ARGV[5]) then
  refusal, retry = 4, tonumber(ARGV[7])
end
if refusal == 0 and tonumber(ARGV[4]) > 0 and tonumber(redis.call('HGET', KEYS[2], 'cost') or '0') >= tonumber(ARGV[4]) then
  refusal, retry = 3, tonumber(ARGV[6])
end
local result = {refusal, refusing, retry}
for i = 1, buckets do
  local per = tonumber(ARGV[6 + 2 * i])
  local after = levels[i]
  if refusal == 0 then
    after = after - tonumber(ARGV[7 + 2 * i])
    redis.call('HSET', KEYS[3 + i], 'l', tostring(after), 't', now)
    -- Kept until it would be full again (a missing bucket is full), so a debt is never forgotten early.
    redis.call('PEXPIRE', KEYS[3 + i], math.max(2 * minute, math.ceil((per - after) * minute / per)))
  end
  table.insert(result, math.max(0, math.floor(after)))
  if after >= per then
    table.insert(result, 0)
  else
    table.insert(result, math.ceil((per - after) * minute / per))
  end
end
if refusal == 0 and concurrency > 0 then
  local lease = tonumber(ARGV[3])
  redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], lease)
end
return result
