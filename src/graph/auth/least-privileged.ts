/**
 * Up to this many distinct permissions the smallest cover is searched exhaustively (2^16 sets at most); above,
 * a greedy cover is taken. Graph's Lifecycle Workflows routes use about a dozen.
 */
const MAX_EXHAUSTIVE = 16

/**
 * Every permission in one order from least to most privileged, taken from the routes' own lists (each least
 * privileged first): `a` before `b` whenever a list puts it there, otherwise in the order first seen.
 */
export function privilegeOrder(lists: readonly (readonly string[])[]): string[] {
  const seen: string[] = []
  const above = new Map<string, Set<string>>()
  const below = new Map<string, number>()
  for (const list of lists) {
    list.forEach((permission, index) => {
      if (!above.has(permission)) {
        seen.push(permission)
        above.set(permission, new Set())
        below.set(permission, 0)
      }
      const lower = list[index - 1]
      if (lower === undefined || lower === permission || above.get(lower)?.has(permission)) return
      above.get(lower)?.add(permission)
      below.set(permission, (below.get(permission) ?? 0) + 1)
    })
  }
  const order: string[] = []
  const left = new Set(seen)
  // Kahn's algorithm; lists that contradict each other leave a cycle, whose members keep their first-seen order.
  while (left.size > 0) {
    const next = seen.find((permission) => left.has(permission) && below.get(permission) === 0)
    const taken = next ?? seen.find((permission) => left.has(permission)) ?? ''
    left.delete(taken)
    order.push(taken)
    for (const higher of above.get(taken) ?? []) below.set(higher, (below.get(higher) ?? 1) - 1)
  }
  return order
}

/** Whether `a` is less privileged than `b`: compares their ranks, most privileged first. */
function lessPrivileged(a: number[], b: number[]): boolean {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0)
    if (difference !== 0) return difference < 0
  }
  return false
}

/**
 * The least-privileged permission set that lets a token call every route: each route accepts any one of its
 * list. The smallest such set; among sets of that size, the one whose most privileged permission is least
 * privileged (then the next one, and so on). Empty lists (routes that need no permission) are ignored.
 */
export function leastPrivileged(lists: readonly (readonly string[])[]): string[] {
  const needed = lists.filter((list) => list.length > 0)
  const order = privilegeOrder(needed)
  const masks = needed.map((list) =>
    list.reduce((mask, permission) => mask | (1 << order.indexOf(permission)), 0)
  )
  if (order.length > MAX_EXHAUSTIVE) return greedyCover(needed, order)
  let best: { set: number; ranks: number[] } | undefined
  for (let set = 1; set < 1 << order.length; set++) {
    if (!masks.every((mask) => (mask & set) !== 0)) continue
    const ranks = order
      .map((_, rank) => rank)
      .filter((rank) => (set & (1 << rank)) !== 0)
      .reverse()
    const smaller = best === undefined || ranks.length < best.ranks.length
    if (smaller || (ranks.length === best?.ranks.length && lessPrivileged(ranks, best.ranks)))
      best = { set, ranks }
  }
  const cover = best?.set ?? 0
  return order.filter((_, rank) => (cover & (1 << rank)) !== 0)
}

/** Takes the permission that covers the most routes still uncovered, the least privileged on a tie. */
function greedyCover(lists: readonly (readonly string[])[], order: readonly string[]): string[] {
  const chosen: string[] = []
  let uncovered = [...lists]
  while (uncovered.length > 0) {
    const covering = (permission: string) => uncovered.filter((list) => list.includes(permission)).length
    const next = order.reduce((pick, permission) =>
      covering(permission) > covering(pick) ? permission : pick
    )
    chosen.push(next)
    uncovered = uncovered.filter((list) => !list.includes(next))
  }
  return order.filter((permission) => chosen.includes(permission))
}
