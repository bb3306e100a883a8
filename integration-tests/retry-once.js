// HTTP suite only: a case that fails is run once more (its database restored to the file's
// template first, as before any case), and its first error is logged. One that passes on the
// second run still counts as passed, and `npm test` lists it by name at the end ("passed on
// retry") so an intermittent failure stays visible; one that fails twice fails the run.
jest.retryTimes(1, { logErrorsBeforeRetry: true })
