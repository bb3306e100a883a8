import { chooseLocale, missingTranslations, orgLocales, translated, translateOutline, translationMap } from "./translations"

const org = orgLocales({ default_locale: "en", locales: ["en", "fr", "pt-BR"] })

describe("orgLocales / chooseLocale", () => {
  it("puts the default first and defaults to en", () => {
    expect(orgLocales({ default_locale: "fr", locales: ["en"] })).toEqual({ default_locale: "fr", locales: ["fr", "en"] })
    expect(orgLocales(null)).toEqual({ default_locale: "en", locales: ["en"] })
  })
  it("nothing asked: the default", () => {
    expect(chooseLocale(undefined, org)).toEqual({ ok: true, locale: "en", is_default: true })
  })
  it("an enabled locale, case-insensitively, spelled as the org spells it", () => {
    expect(chooseLocale("pt-br", org)).toEqual({ ok: true, locale: "pt-BR", is_default: false })
  })
  it("refuses a locale the org has not enabled, and garbage, naming the problem", () => {
    const de = chooseLocale("de", org)
    expect(de).toEqual({ ok: false, message: expect.stringContaining('"de" is not enabled') })
    expect(chooseLocale("<script>", org)).toEqual({ ok: false, message: expect.stringContaining("language tag") })
  })
})

describe("translated / translateOutline", () => {
  const t = translationMap([
    { entity_type: "course", entity_id: "c1", field: "title", value: "Pain au levain" },
    { entity_type: "course", entity_id: "c1", field: "description", value: "   " },
    { entity_type: "module", entity_id: "m1", field: "title", value: "Début" },
    { entity_type: "lesson", entity_id: "les1", field: "title", value: "Intro FR" },
  ])

  it("replaces translated fields and keeps the default for the rest (blank counts as missing)", () => {
    const course = { title: "Sourdough", subtitle: "Bake", description: "Long" }
    expect(translated(course, "course", "c1", ["title", "subtitle", "description"], t)).toEqual({ title: "Pain au levain", subtitle: "Bake", description: "Long" })
    expect(translated(course, "course", "other", ["title"], t)).toBe(course)
  })

  it("translates outline titles, lessons through their library lesson id", () => {
    const outline = [{ id: "m1", title: "Start", sections: [{ id: "s1", title: "Welcome", lessons: [{ id: "p1", title: "Intro" }, { id: "p2", title: "Two" }] }] }]
    const out = translateOutline(outline, t, (p) => ({ p1: "les1", p2: "les2" })[p])
    expect(out[0].title).toBe("Début")
    expect(out[0].sections[0].title).toBe("Welcome")
    expect(out[0].sections[0].lessons.map((l) => l.title)).toEqual(["Intro FR", "Two"])
  })
})

describe("missingTranslations", () => {
  it("lists texts with default content and no translation", () => {
    const t = translationMap([{ entity_type: "course", entity_id: "c1", field: "title", value: "T" }])
    expect(
      missingTranslations(
        [
          { entity_type: "course", entity_id: "c1", field: "title", source: "Title" },
          { entity_type: "course", entity_id: "c1", field: "subtitle", source: null },
          { entity_type: "lesson", entity_id: "l1", field: "body", source: "Body" },
        ],
        t
      )
    ).toEqual([{ entity_type: "lesson", entity_id: "l1", field: "body", source: "Body" }])
  })
})
