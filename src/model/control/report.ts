import { type Static, Type } from '@sinclair/typebox'
import { NearestSchema } from './journal-entry.js'

const Text = Type.String()
const Texts = Type.Array(Text)
const Count = Type.Integer({ minimum: 0 })

/** The checks of a client's behaviour, each with a stable id. */
export const RULES = [
  'retry-too-early',
  'retry-storm',
  'invented-page-link',
  'missing-client-request-id',
  'excess-permissions',
  'denied',
  'no-select'
] as const
export type Rule = (typeof RULES)[number]

export const SEVERITIES = ['error', 'warning', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** The most request ids a finding or an unmatched group lists; `count` says how many there were. */
export const MAX_LISTED_REQUESTS = 20

export const PermissionKindSchema = Type.Union([Type.Literal('delegated'), Type.Literal('application')])
export type PermissionKind = Static<typeof PermissionKindSchema>

/** One thing a client did that Graph's guidance advises against. */
export const FindingSchema = Type.Object({
  rule: Type.Union(RULES.map((rule) => Type.Literal(rule))),
  severity: Type.Union(SEVERITIES.map((severity) => Type.Literal(severity))),
  tenant: Text,
  /** The calling application (`appid` or `azp`), `unknown` without a readable token. */
  app: Text,
  /** The route concerned, e.g. `GET /beta/workflowBase/userProcessingResults/{id}`; `null` for a finding about the app. */
  route: Type.Union([Text, Type.Null()]),
  /** What happened, in one line. */
  message: Text,
  /** What to do instead, in one line. */
  advice: Text,
  /** How many requests are involved. */
  count: Count,
  /** The `request-id`s of the first of them (at most 20). */
  requestIds: Texts,
  /** `denied`: the claim (or `Authorization` header) that was wrong. */
  claim: Type.Optional(Text),
  /** `denied`: the token command that would have passed. */
  command: Type.Optional(Text),
  /** `excess-permissions`: the kind of token and its permissions. */
  kind: Type.Optional(PermissionKindSchema),
  granted: Type.Optional(Texts),
  leastPrivileged: Type.Optional(Texts),
  excess: Type.Optional(Texts)
})
export type Finding = Static<typeof FindingSchema>

/** What one application called in one tenant with one kind of token, and which permissions that needs. */
export const PermissionsRowSchema = Type.Object({
  tenant: Text,
  app: Text,
  kind: PermissionKindSchema,
  /** The routes it called, e.g. `PATCH /beta/workflowBase/userProcessingResults/{id}`. */
  routes: Texts,
  /** Every permission its tokens carried. */
  granted: Texts,
  /** The smallest set that covers every route called, the least privileged where several would. */
  leastPrivileged: Texts,
  /** Granted beyond that set (OpenID Connect scopes aside). */
  excess: Texts
})
export type PermissionsRow = Static<typeof PermissionsRowSchema>

/** Requests the mock does not serve, grouped by tenant, method and path. */
export const UnmatchedGroupSchema = Type.Object({
  tenant: Text,
  method: Text,
  path: Text,
  count: Count,
  requestIds: Texts,
  nearest: Type.Union([NearestSchema, Type.Null()])
})
export type UnmatchedGroup = Static<typeof UnmatchedGroupSchema>

export const ReportSummarySchema = Type.Object({
  /** Journal entries the report covers. */
  requests: Count,
  unmatched: Count,
  /** Findings per severity. */
  findings: Type.Object({ error: Count, warning: Count, info: Count }),
  /** Findings per rule, every rule listed. */
  rules: Type.Record(Text, Count),
  /** Time of the first and last request covered; `null` without requests. */
  from: Type.Union([Text, Type.Null()]),
  to: Type.Union([Text, Type.Null()]),
  /** How many entries the journal keeps, and how many older ones it has dropped since the last clear. */
  journalSize: Count,
  dropped: Count
})
export type ReportSummary = Static<typeof ReportSummarySchema>

export const ReportSchema = Type.Object({
  summary: ReportSummarySchema,
  findings: Type.Array(FindingSchema),
  permissions: Type.Array(PermissionsRowSchema),
  unmatched: Type.Array(UnmatchedGroupSchema)
})
export type Report = Static<typeof ReportSchema>

/** `GET /_mock/report`: one tenant or all; JSON, or Markdown for a CI job summary. */
export const ReportQuerySchema = Type.Object(
  {
    tenant: Type.Optional(Type.String({ minLength: 1 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('markdown')]))
  },
  { additionalProperties: false }
)
export type ReportQuery = Static<typeof ReportQuerySchema>
