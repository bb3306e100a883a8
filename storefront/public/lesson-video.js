// The lesson's video (pages/courses/[handle]/lessons/[placement].tsx): when it cannot be
// loaded (a dead URL, an expired signed link, a format the browser cannot play), a message
// takes its place instead of a black box. The one script of a video lesson.
;(function () {
  var video = document.querySelector("video[data-lesson-video]")
  var message = document.getElementById("video-error")
  if (!video || !message) return
  function fail() {
    message.hidden = false
    video.remove()
  }
  video.addEventListener("error", fail)
  // The video may have failed before this script ran.
  if (video.error || video.networkState === HTMLMediaElement.NETWORK_NO_SOURCE) fail()
})()
