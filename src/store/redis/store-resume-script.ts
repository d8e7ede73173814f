import type { LuaScript } from './redis-connection.js'
import { WRITE } from './store-lua.js'

/**
 * op: workflow id, result id, task result id, reported status, time, the custom task extension's definition id,
 * the failure reason, the default workflow's id. Applies a custom task extension's report as
 * src/store/derive/resume.ts does (the backends are checked against each other): 'done', record, task results and
 * reprocessed runs;
 * or 'not-found' and the id; 'not-custom-task', the task result and the workflow's tasks; 'not-waiting' and the
 * task result.
 */
export const RESUME_TASK: LuaScript = {
  name: 'glmStoreResume',
  keys: 1,
  lua: `${WRITE}
local workflowId, resultId, taskResultId, status, at = op(1), op(2), op(3), op(4), op(5)
local current = redis.call('HGET', keys.results, resultId)
local tasks = redis.call('HGET', keys.tasks, workflowId)
local owner = redis.call('HGET', keys.owners, resultId) or op(8)
if not current or not tasks or owner ~= workflowId then return { 'not-found', resultId } end
local listed = redis.call('HGET', keys['task-results'], resultId)
local taskResults = listed and cjson.decode(listed) or {}
local target
for _, taskResult in ipairs(taskResults) do
  if taskResult.id == taskResultId then target = taskResult end
end
if not target then return { 'not-found', taskResultId } end
local task
for _, candidate in ipairs(cjson.decode(tasks)) do
  if candidate.id == target.taskId then task = candidate end
end
if not task or task.taskDefinitionId ~= op(6) then return { 'not-custom-task', cjson.encode(target), tasks } end
if target.processingStatus ~= 'inProgress' then return { 'not-waiting', cjson.encode(target) } end
local failed = status == 'failed'
local stops = failed and not task.continueOnError
local pending = false
for _, taskResult in ipairs(taskResults) do
  if taskResult == target then
    taskResult.processingStatus = status
    if taskResult.startedDateTime == nil or taskResult.startedDateTime == cjson.null then
      taskResult.startedDateTime = at
    end
    taskResult.completedDateTime = at
    taskResult.failureReason = failed and op(7) or cjson.null
  elseif stops and taskResult.processingStatus == 'queued' then
    taskResult.processingStatus = 'canceled'
  end
  if taskResult.processingStatus == 'queued' or taskResult.processingStatus == 'inProgress' then pending = true end
end
local record = cjson.decode(current)
local failedCount = record.failedTasksCount + (failed and 1 or 0)
record.failedTasksCount = failedCount
record.totalUnprocessedTasksCount = math.max(0, record.totalUnprocessedTasksCount - 1)
if stops or not pending then
  if stops then record.processingStatus = 'failed'
  elseif failedCount > 0 then record.processingStatus = 'completedWithErrors'
  else record.processingStatus = 'completed' end
  record.completedDateTime = at
end
local updated, updatedTasks = cjson.encode(record), cjson.encode(taskResults)
redis.call('HSET', keys.results, resultId, updated)
redis.call('HSET', keys['task-results'], resultId, updatedTasks)
return { 'done', updated, updatedTasks, redis.call('HGET', keys.reprocessed, resultId) or '[]' }`
}
