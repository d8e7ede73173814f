/** The path of a request URL, without its query string. */
export function pathOf(url: string): string {
  return url.split('?', 1)[0] ?? url
}
