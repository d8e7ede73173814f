import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Redis, ReplyError } from 'ioredis'
import type { Health } from '../../model/control/health.js'
import { RedisUnavailableError } from './redis-unavailable.js'
import { composite, type LuaScript, REFUSED, type ScriptCall } from './script-steps.js'

export { type LuaScript, REFUSED, type ScriptCall }

/** Bounds every command: a Redis that stops answering turns into 503s, never a hung request. */
const COMMAND_TIMEOUT_MS = 2000
const CONNECT_TIMEOUT_MS = 2000
/** Reconnecting after a loss: 100 ms more per attempt, at most this, for as long as it takes. */
const MAX_RECONNECT_DELAY_MS = 1000
/** Replies that mean Redis cannot serve yet, rather than a wrong command. */
const NOT_SERVING_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN)\b/

/** Where the connection says what happens to it. */
export interface RedisLog {
  info(message: string): void
  warn(message: string): void
}

type ScriptCommand = (...keysAndArgs: (string | number)[]) => Promise<unknown>

const QUIET: RedisLog = { info: () => undefined, warn: () => undefined }

/** The URL as logs and messages show it: without the password. */
function withoutPassword(url: string): string {
  const parsed = new URL(url)
  if (parsed.password !== '') parsed.password = '***'
  return parsed.toString()
}

/** A glob that matches itself only, for SCAN MATCH. */
function literalGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}

/**
 * The connection to the Redis that replicas share, for every Redis-backed part of the state. Commands fail fast
 * while it is down (no offline queue, and a command in flight when the connection drops is reported as failed,
 * never sent twice), each is bounded by a timeout, and it reconnects by itself. Every key starts with the
 * deployment's prefix.
 */
export class RedisConnection {
  readonly #client: Redis
  readonly #replyError: typeof ReplyError
  readonly #url: string
  readonly #defined = new Set<string>()
  #lost = false
  #closing = false
  #lastError = ''

  private constructor(
    client: Redis,
    replyError: typeof ReplyError,
    url: string,
    readonly where: string,
    readonly prefix: string,
    log: RedisLog
  ) {
    this.#client = client
    this.#replyError = replyError
    this.#url = url
    client.on('error', (error: Error) => {
      // Each reconnection attempt repeats the error: say it once per outage.
      if (error.message === this.#lastError) return
      this.#lastError = error.message
      log.warn(`Redis at ${where}: ${error.message}`)
    })
    client.on('close', () => {
      if (this.#lost || this.#closing) return
      this.#lost = true
      log.warn(`Lost the connection to Redis at ${where}: requests that need it answer 503 until it is back.`)
    })
    client.on('ready', () => {
      this.#lost = false
      this.#lastError = ''
      log.info(`Connected to Redis at ${where} again.`)
    })
  }

  /**
   * Connects, or fails with RedisUnavailableError naming the URL (without password) and the reason. Only the
   * first attempt: a Redis unreachable at start-up is a configuration error, one lost later is waited for.
   */
  static async open(url: string, prefix: string, log: RedisLog): Promise<RedisConnection> {
    // Loaded here, not at the top: most runs use no Redis, and ioredis took ~20 ms of every start-up.
    const { Redis, ReplyError } = await import('ioredis')
    let connected = false
    let firstError: Error | undefined
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt) => (connected ? Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS) : null)
    })
    const where = withoutPassword(url)
    const noteError = (error: Error) => {
      firstError ??= error
    }
    client.on('error', noteError)
    try {
      await client.connect()
      // A failed SELECT (a database number the server does not have) does not fail the connection by itself.
      if (firstError !== undefined) throw firstError
    } catch (error) {
      client.disconnect()
      throw new RedisUnavailableError(where, (firstError ?? (error as Error)).message)
    } finally {
      client.off('error', noteError)
    }
    connected = true
    return new RedisConnection(client, ReplyError, url, where, prefix, log)
  }

  /** The connection's state as ioredis names it (`ready` when commands can be sent). */
  get state(): string {
    return this.#client.status
  }

  health(): Health {
    return { status: this.state === 'ready' ? 'ok' : 'degraded', backend: 'redis', redis: this.state }
  }

  /** Resolves when Redis answers a PING now; else RedisUnavailableError. */
  async checkReady(): Promise<void> {
    await this.run((client) => client.ping())
  }

  /** A key of this deployment: the prefix, then the parts (each URI-encoded, so `:` only separates) joined by `:`. */
  key(...parts: readonly string[]): string {
    return this.prefix + parts.map(encodeURIComponent).join(':')
  }

  /** A SCAN pattern for every key below `key(...parts)`. */
  keysBelow(...parts: readonly string[]): string {
    return `${literalGlob(this.key(...parts))}:*`
  }

  /** Runs commands; a Redis that cannot serve them is a RedisUnavailableError. */
  async run<T>(commands: (client: Redis) => Promise<T>): Promise<T> {
    if (this.state !== 'ready') throw new RedisUnavailableError(this.where, this.state)
    try {
      return await commands(this.#client)
    } catch (error) {
      if (error instanceof this.#replyError && !NOT_SERVING_REPLY.test((error as Error).message)) throw error
      throw new RedisUnavailableError(this.where, (error as Error).message)
    }
  }

  /** Runs a Lua script atomically with these keys and arguments. */
  async script(
    script: LuaScript,
    keys: readonly string[],
    args: readonly (string | number)[]
  ): Promise<unknown> {
    if (!this.#defined.has(script.name)) {
      this.#client.defineCommand(script.name, { numberOfKeys: script.keys, lua: script.lua })
      this.#defined.add(script.name)
    }
    return this.run((client) => {
      const command = Reflect.get(client, script.name) as ScriptCommand
      return command.call(client, ...keys, ...args)
    })
  }

  /**
   * Runs the scripts as one (so atomically, and all or nothing when the connection drops), in order. A step that
   * answers a list starting with REFUSED stops the steps after it (its own changes are its to avoid) and is the
   * answer; else the answers of the steps, in order.
   */
  async atomically(calls: readonly ScriptCall[]): Promise<{ refused?: unknown[]; replies: unknown[] }> {
    const name = `glmSteps_${calls.map(({ script }) => script.name).join('_')}`
    if (!this.#defined.has(name)) {
      this.#client.defineCommand(name, { lua: composite(calls.map(({ script }) => script)) })
      this.#defined.add(name)
    }
    const counts = calls.flatMap(({ keys, args }) => [keys.length, args.length])
    const keys = calls.flatMap((call) => call.keys)
    const args = calls.flatMap((call) => call.args)
    const reply = (await this.run((client) => {
      const command = Reflect.get(client, name) as ScriptCommand
      return command.call(client, keys.length, ...keys, ...counts, ...args)
    })) as unknown[]
    return reply[0] === REFUSED ? { refused: reply, replies: [] } : { replies: reply.slice(1) }
  }

  /**
   * Another connection to the same Redis, for blocking reads (XREAD BLOCK) that would hold this one up. Quiet: this
   * one reports the outages.
   */
  async duplicate(): Promise<RedisConnection> {
    return RedisConnection.open(this.#url, this.prefix, QUIET)
  }

  /** Calls `listener` each time the connection is ready again after a loss. */
  onReconnect(listener: () => void): void {
    this.#client.on('ready', listener)
  }

  /** Drops the connection at once, without waiting for a command in flight (a blocking read) to be answered. */
  async drop(): Promise<void> {
    this.#closing = true
    if (this.state === 'end') return
    const ended = once(this.#client, 'end')
    this.#client.disconnect()
    await Promise.race([ended, sleep(COMMAND_TIMEOUT_MS, undefined, { ref: false })])
  }

  /** Closes the connection (QUIT when connected) and stops reconnecting; bounded by the command timeout. */
  async close(): Promise<void> {
    this.#closing = true
    if (this.state === 'end') return
    const ended = once(this.#client, 'end')
    if (this.state === 'ready') await this.#client.quit().catch(() => undefined)
    this.#client.disconnect()
    await Promise.race([ended, sleep(COMMAND_TIMEOUT_MS, undefined, { ref: false })])
  }
}
