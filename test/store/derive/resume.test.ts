import { describe, expect, it } from 'vitest'
import { applyResume, EXTENSION_FAILURE, type Resumed } from '../../../src/store/derive/resume.js'
import { makeTask, smallWorld } from '../../helpers/world.js'

const AT = '2026-11-29T08:00:00.123Z'

function parts(resultId: string) {
  const world = smallWorld()
  const result = world.results.find((each) => each.id === resultId)
  const detail = world.details.get(resultId)
  const tasks = world.workflows[0]?.tasks ?? []
  if (result === undefined || detail === undefined) throw new Error(`no ${resultId}`)
  return { result, detail, tasks }
}

function resumed(answer: ReturnType<typeof applyResume>): Resumed {
  if ('refused' in answer) throw new Error(`refused: ${answer.refused}`)
  return answer
}

describe('applyResume', () => {
  it('completes the waiting task result and, with it the last task, the result', () => {
    const { result, detail, tasks } = parts('last')
    const { result: next, detail: nextDetail } = resumed(
      applyResume(result, detail, tasks, 'last-2', { operationStatus: 'completed', at: AT })
    )
    expect(nextDetail.taskProcessingResults[1]).toMatchObject({
      processingStatus: 'completed',
      completedDateTime: AT,
      failureReason: null
    })
    expect(next).toMatchObject({
      processingStatus: 'completed',
      completedDateTime: AT,
      failedTasksCount: 0,
      totalUnprocessedTasksCount: 0
    })
  })

  it('leaves the result in progress while a task is still queued', () => {
    const { result, detail, tasks } = parts('wait')
    const { result: next } = resumed(
      applyResume(result, detail, tasks, 'wait-2', { operationStatus: 'completed', at: AT })
    )
    expect(next).toMatchObject({
      processingStatus: 'inProgress',
      completedDateTime: null,
      totalUnprocessedTasksCount: 1
    })
  })

  it('fails the result and cancels the queued tasks when a task that may not continue on error fails', () => {
    const { result, detail, tasks } = parts('wait')
    const { result: next, detail: nextDetail } = resumed(
      applyResume(result, detail, tasks, 'wait-2', { operationStatus: 'failed', at: AT })
    )
    expect(nextDetail.taskProcessingResults.map((task) => task.processingStatus)).toEqual([
      'completed',
      'failed',
      'canceled'
    ])
    expect(nextDetail.taskProcessingResults[1]?.failureReason).toBe(EXTENSION_FAILURE)
    expect(next).toMatchObject({
      processingStatus: 'failed',
      completedDateTime: AT,
      failedTasksCount: 1,
      totalUnprocessedTasksCount: 1
    })
  })

  it('goes on after a failure when the task may continue on error, ending with errors', () => {
    const { result, detail, tasks } = parts('last')
    const lenient = tasks.map((task) => (task.id === 't2' ? { ...task, continueOnError: true } : task))
    const { result: next } = resumed(
      applyResume(result, detail, lenient, 'last-2', { operationStatus: 'failed', at: AT })
    )
    expect(next).toMatchObject({ processingStatus: 'completedWithErrors', failedTasksCount: 1 })
  })

  it('refuses what is not waiting for a report, naming why', () => {
    const { result, detail, tasks } = parts('wait')
    const outcome = { operationStatus: 'completed', at: AT } as const
    expect(applyResume(result, detail, tasks, 'nope', outcome)).toEqual({ refused: 'not-found', id: 'nope' })
    expect(applyResume(result, detail, tasks, 'wait-1', outcome)).toMatchObject({
      refused: 'not-custom-task'
    })
    expect(applyResume(result, detail, tasks, 'wait-3', outcome)).toMatchObject({
      refused: 'not-custom-task'
    })
    const queuedCustom = {
      ...detail,
      taskProcessingResults: detail.taskProcessingResults.map((task) => ({
        ...task,
        taskId: 't2',
        processingStatus: 'queued' as const
      }))
    }
    expect(applyResume(result, queuedCustom, tasks, 'wait-2', outcome)).toMatchObject({
      refused: 'not-waiting'
    })
    expect(applyResume(result, detail, [makeTask('t2', 2)], 'wait-2', outcome)).toMatchObject({
      refused: 'not-custom-task'
    })
  })
})
