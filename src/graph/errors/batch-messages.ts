/**
 * Messages for a batch Graph refuses. Quoted from Graph where its answer is known (see docs/batching.md);
 * `invalidDependency` past its first words, `nested` and `failedDependency` are the mock's wording.
 */
export const batchMessages = {
  invalidPayload: 'Invalid batch payload format.',
  tooManyRequests: 'Number of requests inside batch exceeds the limit.',
  duplicateId: (id: string) => `Request Id ${id} has to be unique in a batch.`,
  writeWithoutContentType: (id: string) =>
    `Write request id : ${id} does not contain Content-Type header or body.`,
  invalidDependency: (id: string, dependency: string) =>
    `Invalid dependency for request Id ${id}: '${dependency}' is not the id of a request before it in the batch.`,
  mixedDependencies: 'Batch should be either fully sequential or fully parallel.',
  nested: (id: string) => `Request Id ${id} is a batch request: batch requests cannot be nested.`,
  failedDependency: (dependency: string) =>
    `The request was not run: it depends on request Id ${dependency}, which failed.`
}
