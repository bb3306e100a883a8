import { Module } from "@medusajs/framework/utils"
import CourseModuleService from "./service"
import checkInstall from "./loaders/check-install"

export const COURSE_MODULE = "course"

export default Module(COURSE_MODULE, {
  service: CourseModuleService,
  loaders: [checkInstall],
})

export { CourseModuleService }
