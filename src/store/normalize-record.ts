import { normalizeCheckedDateTimeOffset } from '../graph/edm.js'
import type { UserProcessingResult } from '../graph/schemas/user-processing-result.js'

/**
 * A record as the store keeps it: date-times in UTC with `Z`, as Graph returns them. Only for records the
 * entity schema has accepted, so every date-time parses.
 */
export function normalizeRecord(entity: UserProcessingResult): UserProcessingResult {
  const utc = normalizeCheckedDateTimeOffset
  return {
    ...entity,
    completedDateTime: entity.completedDateTime === null ? null : utc(entity.completedDateTime),
    scheduledDateTime: utc(entity.scheduledDateTime),
    startedDateTime: entity.startedDateTime === null ? null : utc(entity.startedDateTime)
  }
}
