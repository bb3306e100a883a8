"use client"

import { useEffect, useRef, useState } from "react"

/**
 * The lesson's video, or, when it cannot be loaded (a dead URL, an expired signed link, a
 * format the browser cannot play), a message in its place instead of a black box.
 */
export function LessonVideo({ src }: { src: string }) {
  const [failed, setFailed] = useState(false)
  const ref = useRef<HTMLVideoElement>(null)
  // The server-rendered <video> may fail before React attaches onError: check once hydrated.
  useEffect(() => {
    const v = ref.current
    if (v && (v.error || v.networkState === HTMLMediaElement.NETWORK_NO_SOURCE)) setFailed(true)
  }, [])
  if (failed) {
    return (
      <div className="panel warn video-error" role="alert">
        <strong>This video could not be loaded.</strong> Reload the page to try again; if it still does not play, tell the school
        (the address at the bottom of the page).
      </div>
    )
  }
  return (
    <video
      ref={ref}
      src={src}
      controls
      preload="metadata"
      onError={() => setFailed(true)}
      style={{ width: "100%", aspectRatio: "16 / 9", background: "#000", borderRadius: 10 }}
    />
  )
}
