// The quiz's countdown (components/quiz-panel.tsx): the one script of a lesson page, loaded
// only while a timed attempt runs. Counts the [role=timer] down to its data-deadline and
// submits the quiz form when time runs out (the server grades an expired attempt as such).
;(function () {
  var timer = document.querySelector("[role=timer][data-deadline]")
  var form = document.getElementById("quiz-form")
  if (!timer || !form) return
  var end = Date.parse(timer.getAttribute("data-deadline"))
  var tick = setInterval(function () {
    var s = Math.max(0, Math.ceil((end - Date.now()) / 1000))
    timer.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0") + " left"
    if (s <= 30) timer.classList.add("brand")
    if (s === 0) {
      clearInterval(tick)
      form.requestSubmit ? form.requestSubmit() : form.submit()
    }
  }, 500)
})()
