import { CUSTOM_TASK_EXTENSION_DEFINITION_ID } from '../../model/task.js'
import type { UserProcessingResult, UserProcessingResultChanges } from '../../model/user-processing-result.js'
import { EXTENSION_FAILURE, type Resumed, type ResumeOutcome, type ResumeRefusal } from '../derive/resume.js'
import { type State, toState } from '../frozen-world.js'
import type { LifecycleStore, WorldConflict } from '../lifecycle-store.js'
import { DEFAULT_MAX_TENANTS, TenantLimitError } from '../tenant-limit.js'
import { conflictIn, resultIn, resultsIn, resumeIn, worldIn } from '../tenant-view.js'
import type { TaskResultAddress } from '../workflow-store.js'
import {
  DEFAULT_WORKFLOW_ID,
  NO_DETAIL,
  type ResultDetail,
  type StoredWorkflow,
  type World
} from '../world.js'
import { type LuaScript, REFUSED, type RedisConnection, type ScriptCall } from './redis-connection.js'
import { READ_DETAILS, READ_RESULT, READ_TENANT } from './store-read-scripts.js'
import { RESUME_TASK } from './store-resume-script.js'
import {
  PATCH_RESULT,
  REPLACE_RESULTS,
  REPLACE_WORLD,
  RESET_TENANTS,
  RESTORE_TENANTS,
  UPSERT_RESULTS,
  UPSERT_WORLD
} from './store-write-scripts.js'
import { detailsOf, recordOf, resultsArgs, resumeAnswer, stateOf, worldArgs } from './world-args.js'

type Reply = (string | null)[]

export interface RedisStoreOptions {
  /** Tenants with a copy of their own at once (`--max-tenants`), over every replica. */
  maxTenants?: number
}

/**
 * The store in Redis, shared by every replica (key layout: store-lua.ts). Each replica reads the
 * seed from its own fixtures and serves a tenant without a copy from it; a tenant's first write copies the seed
 * into the tenant's keys and applies the change in one script, so two replicas' first writes never race. Every
 * write is one script, so atomic across replicas; every read is one script too, so it sees one moment.
 */
export class RedisStore implements LifecycleStore {
  readonly maxTenants: number
  readonly #redis: RedisConnection
  readonly #seed: State
  readonly #tenantsKey: string
  #seedArgs: string[] | undefined

  constructor(redis: RedisConnection, seed: World, options: RedisStoreOptions = {}) {
    this.#redis = redis
    this.#seed = toState(seed)
    this.maxTenants = options.maxTenants ?? DEFAULT_MAX_TENANTS
    this.#tenantsKey = redis.key('tenants')
  }

  /** The start of every key of the tenant's copy. */
  #start(tenant: string): string {
    return this.#redis.key('tenant', tenant)
  }

  /** The seed as the scripts take it, made once. */
  #seedAsArgs(): string[] {
    this.#seedArgs ??= worldArgs(worldIn(this.#seed), true)
    return this.#seedArgs
  }

  #call(script: LuaScript, tenant: string, op: readonly string[]): ScriptCall {
    return {
      script,
      keys: [this.#tenantsKey],
      args: [tenant, this.#start(tenant), this.maxTenants, op.length, ...op]
    }
  }

  async #run({ script, keys, args }: ScriptCall): Promise<Reply> {
    return (await this.#redis.script(script, keys, args)) as Reply
  }

  /**
   * A write of one tenant. Tried without the seed first (most writes are to tenants with a copy); for a tenant
   * without one, `needsCopy` decides on the seed whether the write changes anything: if not, nothing is written
   * and the answer is `undefined`; else it runs again with the seed to copy.
   */
  async #write(
    script: LuaScript,
    tenant: string,
    op: readonly string[],
    needsCopy: () => boolean = () => true
  ): Promise<Reply | undefined> {
    const call = this.#call(script, tenant, op)
    let reply = await this.#run(call)
    if (reply[0] === REFUSED && reply[1] === 'no-copy') {
      if (!needsCopy()) return undefined
      reply = await this.#run({ ...call, args: [...call.args, ...this.#seedAsArgs()] })
    }
    if (reply[0] === REFUSED) throw new TenantLimitError(tenant, this.maxTenants)
    return reply
  }

  /** The parts of a tenant's state (w workflows, r every result, d every detail) or only the results `ids`. */
  async #state(tenant: string, parts: string, ids: readonly string[] = []): Promise<State> {
    const reply = await this.#run({
      script: READ_TENANT,
      keys: [this.#tenantsKey],
      args: [tenant, this.#start(tenant), parts, ...ids]
    })
    return reply[0] === 'seed' ? this.#seed : stateOf(reply)
  }

  async tenants(): Promise<string[]> {
    return this.#redis.run((client) => client.hkeys(this.#tenantsKey))
  }

  async get(tenant: string, id: string): Promise<UserProcessingResult | undefined> {
    const reply = await this.#run({
      script: READ_RESULT,
      keys: [this.#tenantsKey],
      args: [tenant, this.#start(tenant), id]
    })
    if (reply[0] === 'seed') return this.#seed.results.get(id)
    return typeof reply[1] === 'string' ? recordOf(reply[1]) : undefined
  }

  async list(tenant: string): Promise<UserProcessingResult[]> {
    return [...(await this.#state(tenant, 'r')).results.values()]
  }

  async patch(
    tenant: string,
    id: string,
    changes: UserProcessingResultChanges
  ): Promise<UserProcessingResult | undefined> {
    const reply = await this.#write(PATCH_RESULT, tenant, [id, JSON.stringify(changes)], () =>
      this.#seed.results.has(id)
    )
    return reply?.[0] === 'done' && typeof reply[1] === 'string' ? recordOf(reply[1]) : undefined
  }

  async replace(tenant: string, records: readonly UserProcessingResult[]): Promise<void> {
    await this.#write(REPLACE_RESULTS, tenant, resultsArgs(records))
  }

  async upsert(tenant: string, records: readonly UserProcessingResult[]): Promise<void> {
    await this.#write(UPSERT_RESULTS, tenant, resultsArgs(records))
  }

  async reset(tenant?: string): Promise<void> {
    await this.#run(this.resetCall(tenant))
  }

  /** `reset` as a step of a bigger atomic change. */
  resetCall(tenant?: string): ScriptCall {
    return { script: RESET_TENANTS, keys: [this.#tenantsKey], args: [tenant ?? ''] }
  }

  async listWorkflows(tenant: string): Promise<StoredWorkflow[]> {
    return [...(await this.#state(tenant, 'w')).workflows.values()]
  }

  async getWorkflow(tenant: string, workflowId: string): Promise<StoredWorkflow | undefined> {
    return (await this.#state(tenant, 'w')).workflows.get(workflowId)
  }

  async resultsOf(tenant: string, workflowId: string, runId?: string): Promise<UserProcessingResult[]> {
    return resultsIn(await this.#state(tenant, 'wr'), workflowId, runId)
  }

  async resultOf(
    tenant: string,
    workflowId: string,
    resultId: string,
    runId?: string
  ): Promise<UserProcessingResult | undefined> {
    return resultIn(await this.#state(tenant, 'w', [resultId]), workflowId, resultId, runId)
  }

  async detailsOf(tenant: string, resultIds: readonly string[]): Promise<ResultDetail[]> {
    const reply = await this.#run({
      script: READ_DETAILS,
      keys: [this.#tenantsKey],
      args: [tenant, this.#start(tenant), ...resultIds]
    })
    if (reply[0] === 'seed') return resultIds.map((id) => this.#seed.details.get(id) ?? NO_DETAIL)
    return detailsOf(reply, resultIds.length)
  }

  async resumeTask(
    tenant: string,
    address: TaskResultAddress,
    outcome: ResumeOutcome
  ): Promise<Resumed | ResumeRefusal> {
    const { workflowId, resultId, taskResultId } = address
    const op = [
      workflowId,
      resultId,
      taskResultId,
      outcome.operationStatus,
      outcome.at,
      CUSTOM_TASK_EXTENSION_DEFINITION_ID,
      EXTENSION_FAILURE,
      DEFAULT_WORKFLOW_ID
    ]
    let onSeed: ResumeRefusal | undefined
    const reply = await this.#write(RESUME_TASK, tenant, op, () => {
      const answer = resumeIn(this.#seed, address, outcome)
      if ('refused' in answer) onSeed = answer
      return onSeed === undefined
    })
    if (reply === undefined) return onSeed as ResumeRefusal
    return resumeAnswer(reply)
  }

  async world(tenant: string): Promise<World> {
    return worldIn(await this.#state(tenant, 'wrd'))
  }

  async replaceWorld(tenant: string, world: World): Promise<void> {
    await this.#write(REPLACE_WORLD, tenant, worldArgs(world, true))
  }

  async upsertWorld(tenant: string, world: World): Promise<WorldConflict | undefined> {
    let onSeed: WorldConflict | undefined
    const reply = await this.#write(UPSERT_WORLD, tenant, worldArgs(world, false), () => {
      onSeed = conflictIn(this.#seed, world)
      return onSeed === undefined
    })
    if (reply === undefined) return onSeed
    if (reply[0] !== 'conflict') return undefined
    return { resultId: reply[1] ?? '', workflowId: reply[2] ?? DEFAULT_WORKFLOW_ID }
  }

  async restore(worlds: ReadonlyMap<string, World>, tenant?: string): Promise<void> {
    const reply = await this.#run(this.restoreCall(worlds, tenant))
    if (reply[0] === REFUSED)
      throw new TenantLimitError(tenant ?? [...worlds.keys()].at(-1) ?? '', this.maxTenants)
  }

  /** `restore` as a step of a bigger atomic change: it refuses, before any change, past `maxTenants`. */
  restoreCall(worlds: ReadonlyMap<string, World>, tenant?: string): ScriptCall {
    const restored = [...worlds].filter(([name]) => tenant === undefined || name === tenant)
    const args = restored.flatMap(([name, world]) => {
      const own = worldArgs(world, true)
      return [name, this.#start(name), String(own.length), ...own]
    })
    return {
      script: RESTORE_TENANTS,
      keys: [this.#tenantsKey],
      args: [tenant ?? '', this.maxTenants, restored.length, ...args]
    }
  }
}
