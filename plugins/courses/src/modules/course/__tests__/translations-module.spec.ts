import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { COURSE_MODULE } from ".."
import CourseModuleService from "../service"

jest.setTimeout(60_000)

// setTranslations (issue 26): one transaction that sets, updates and removes rows, and what it
// wrote is there for the next reader (a save that "did not persist" was the bug).
moduleIntegrationTestRunner<CourseModuleService>({
  moduleName: COURSE_MODULE,
  resolve: path.join(__dirname, ".."),
  testSuite: ({ service }) => {
    describe("course translations", () => {
      const row = (entity_id: string, field: string, value: string | null, entity_type = "course") => ({ entity_type, entity_id, field, value })
      const read = async (locale = "fr") =>
        Object.fromEntries(
          (await service.listCourseTranslations({ locale }, { take: null })).map((r) => [`${r.entity_type}:${r.entity_id}:${r.field}`, r.value])
        )

      it("creates, then updates in place, then removes with null; other locales untouched", async () => {
        expect(await service.setTranslations("org_1", "fr", [row("course_1", "title", "Pain"), row("les_1", "body", "Corps", "lesson")])).toEqual({ set: 2, removed: 0 })
        await service.setTranslations("org_1", "de", [row("course_1", "title", "Brot")])
        expect(await read()).toEqual({ "course:course_1:title": "Pain", "lesson:les_1:body": "Corps" })

        expect(await service.setTranslations("org_1", "fr", [row("course_1", "title", "Pain au levain"), row("les_1", "body", null, "lesson")])).toEqual({ set: 1, removed: 1 })
        expect(await read()).toEqual({ "course:course_1:title": "Pain au levain" })
        expect(await service.listCourseTranslations({ locale: "fr", entity_id: "course_1" })).toHaveLength(1)
        expect(await read("de")).toEqual({ "course:course_1:title": "Brot" })
        // A removed text can be set again (the unique key ignores deleted rows).
        expect(await service.setTranslations("org_1", "fr", [row("les_1", "body", "Encore", "lesson")])).toEqual({ set: 1, removed: 0 })
        expect((await read())["lesson:les_1:body"]).toBe("Encore")
      })

      it("all or nothing: a row the table refuses leaves the others unwritten", async () => {
        await expect(service.setTranslations("org_1", "es", [row("course_2", "title", "Pan"), row("course_2", "nope", "x")])).rejects.toThrow()
        expect(await read("es")).toEqual({})
      })
    })
  },
})
