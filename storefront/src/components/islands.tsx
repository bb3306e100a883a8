"use client"

import dynamic from "next/dynamic"

/**
 * The lesson page's interactive parts, each in a chunk of its own that the browser loads only
 * on a page that renders it (issue 30: a text lesson loads neither the quiz nor the video
 * code). Both still render on the server, so the HTML is complete before any script runs.
 * The outline, prices, descriptions and buy/complete buttons are server-rendered HTML and
 * server-action forms: no client code at all.
 */
export const QuizPlayer = dynamic(() => import("./quiz-player").then((m) => m.QuizPlayer))
export const LessonVideo = dynamic(() => import("./lesson-video").then((m) => m.LessonVideo))
