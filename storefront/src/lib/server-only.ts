// The `server-only` guard for lib modules that also serve the Pages Router's
// getServerSideProps (the course and lesson pages, issue 30), where Next refuses the
// `server-only` package itself. Importing this module is free on the server; in a browser
// build next.config.mjs points it at a path that does not exist, so the build fails with
// "Can't resolve 'server-only: ...'" when server code (keys, the backend URL) leaks into
// client code.
export {}
