"use client"

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p className="muted">The page could not be loaded. Please try again in a moment.</p>
      <button className="btn" onClick={() => reset()}>
        Try again
      </button>
    </>
  )
}
