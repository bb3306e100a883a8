import type { Instructor, TierOption } from "@/lib/courses"

/** The lowest price among the course's tiers in the visitor's region, or null when none is priced. */
export function lowestTierPrice(tiers: TierOption[]) {
  const priced = tiers.flatMap((t) => t.variants.map((v) => v.calculated_price)).filter((p) => p?.calculated_amount != null)
  if (!priced.length) return null
  const lowest = priced.reduce((a, b) => (b!.calculated_amount! < a!.calculated_amount! ? b : a))!
  return { amount: lowest.calculated_amount as number, currency_code: lowest.currency_code, more: priced.length > 1 }
}

/** Who teaches the course: photo, name, headline, bio (server-rendered). */
export function CourseInstructors({ instructors }: { instructors?: Instructor[] }) {
  if (!instructors?.length) return null
  return (
    <section aria-labelledby="instructors-heading">
      <h2 id="instructors-heading">{instructors.length > 1 ? "Instructors" : "Instructor"}</h2>
      <div className="instructors">
        {instructors.map((i) => (
          <article className="instructor" key={i.id}>
            {i.photo_url ? (
              // eslint-disable-next-line @next/next/no-img-element -- merchant images from any host
              <img className="instructor-photo" src={i.photo_url} alt={i.name} loading="lazy" />
            ) : (
              <span className="instructor-photo initial" aria-hidden>
                {i.name.slice(0, 1).toUpperCase()}
              </span>
            )}
            <div style={{ minWidth: 0 }}>
              <h3 style={{ margin: 0 }}>{i.name}</h3>
              {i.headline ? <p className="muted" style={{ margin: "2px 0" }}>{i.headline}</p> : null}
              {i.bio ? <p style={{ whiteSpace: "pre-line", margin: "6px 0 0" }}>{i.bio}</p> : null}
            </div>
          </article>
        ))}
      </div>
    </section>
  )
}

/** Questions and answers the merchant wrote; <details> opens them without any script. */
export function CourseFaq({ faq }: { faq?: { question: string; answer: string }[] }) {
  if (!faq?.length) return null
  return (
    <section aria-labelledby="faq-heading">
      <h2 id="faq-heading">Frequently asked questions</h2>
      {faq.map((f, i) => (
        <details className="faq" key={i}>
          <summary>{f.question}</summary>
          <p style={{ whiteSpace: "pre-line" }}>{f.answer}</p>
        </details>
      ))}
    </section>
  )
}
