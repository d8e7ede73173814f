/** The permissions each kind of route accepts; `.ReadWrite.All` also satisfies a read. */
export const WRITE_PERMISSIONS = ['LifecycleWorkflows.ReadWrite.All'] as const
export const READ_PERMISSIONS = ['LifecycleWorkflows.Read.All', 'LifecycleWorkflows.ReadWrite.All'] as const
/** The real Graph read paths also take the granular reports permission. */
export const REPORT_READ_PERMISSIONS = ['LifecycleWorkflows-Reports.Read.All', ...READ_PERMISSIONS] as const
/** Any token Graph accepts (audience, lifetime): the `$batch` envelope, whose requests are each checked on their own. */
export const TOKEN_ONLY = [] as const
