import Link from "@/components/link"
import { notFound } from "next/navigation"
import { addToCart } from "../../actions"
import { Outline, ProgressBar } from "@/components/outline"
import { TierBuy } from "@/components/tier-buy"
import { FreeEnroll } from "@/components/free-enroll"
import { CourseFaq, CourseInstructors, lowestTierPrice } from "@/components/course-details"
import { continueLesson, getCourse, getUpgradeQuotes, lessonsInOrder, tierName, tierOwnName } from "@/lib/courses"
import { formatMoney, getCustomer, getProduct, getRegion } from "@/lib/data"

export default async function CoursePage({
  params,
  searchParams,
}: {
  params: Promise<{ handle: string }>
  searchParams: Promise<Record<string, string | undefined>>
}) {
  const { handle } = await params
  const query = await searchParams
  const course = await getCourse(handle)
  if (!course) return <ProductOnly handle={handle} />
  const customer = await getCustomer()
  const next = continueLesson(course)
  const preview = lessonsInOrder(course).find((l) => l.is_preview)
  const price = lowestTierPrice(course.tiers)
  // One tier for sale: buy it right here; several: the tier cards below compare them.
  const buyable = course.tiers.flatMap((t) => t.variants.map((v) => ({ t, v }))).filter(({ v }) => (v.calculated_price?.calculated_amount ?? 0) > 0)
  const single = buyable.length === 1 ? buyable[0] : null
  const singleName = single ? tierOwnName(single.t, single.v.title) : null
  // A student of a lower tier upgrades here too: each higher tier's price after their credit.
  const upgradeQuotes =
    course.access.tier > 0
      ? await getUpgradeQuotes(course.tiers.filter((t) => t.tier > course.access.tier).flatMap((t) => t.variants.map((v) => v.id)))
      : undefined
  return (
    <article>
      <div className="spread" style={{ alignItems: "flex-start" }}>
        <div style={{ flex: "1 1 420px", minWidth: 0 }}>
          {course.thumbnail ? (
            // eslint-disable-next-line @next/next/no-img-element -- merchant images from any host
            <img className="course-hero-image" src={course.thumbnail} alt={course.title} />
          ) : null}
          <h1 style={{ marginBottom: 4 }}>{course.title}</h1>
          {course.subtitle ? <p className="muted">{course.subtitle}</p> : null}
          <p className="row">
            {course.level ? <span className="badge">{course.level}</span> : null}
            {course.language ? <span className="badge">{course.language}</span> : null}
            {course.estimated_minutes ? <span className="badge">{Math.round(course.estimated_minutes / 60)} h</span> : null}
          </p>
          {course.description ? <p style={{ whiteSpace: "pre-line" }}>{course.description}</p> : null}
        </div>
        <aside className="panel" style={{ flex: "0 1 320px", minWidth: 0 }}>
          {price && course.access.tier === 0 ? (
            <p className="course-price" aria-label="Price">
              {price.amount === 0 ? "Free" : `${price.more ? "From " : ""}${formatMoney(price.amount, price.currency_code)}`}
            </p>
          ) : null}
          <FreeEnroll course={course} loggedIn={!!customer} params={query} />
          {course.access.tier > 0 ? (
            <>
              <p>
                <span className="badge brand">Your tier: {tierName(course.tiers, course.access.tier)}</span>
              </p>
              <ProgressBar percent={course.access.progress_percent} />
              {course.access.progress_percent >= 100 ? (
                <p>
                  <span className="badge brand">Completed ✓</span>
                </p>
              ) : next ? (
                <p>
                  <Link className="btn" href={`/courses/${course.handle}/lessons/${next.id}`}>
                    {course.access.progress_percent > 0 ? "Continue where you left off" : "Start the course"}
                  </Link>
                </p>
              ) : null}
            </>
          ) : (
            <>
              {single ? (
                <form action={addToCart}>
                  <input type="hidden" name="variant_id" value={single.v.id} />
                  <button className="btn" type="submit">
                    {singleName ? `Buy ${singleName}` : "Buy"}
                  </button>
                </form>
              ) : buyable.length > 1 ? (
                <p>
                  <a className="btn" href="#tiers">
                    Choose a tier
                  </a>
                </p>
              ) : null}
              {preview ? (
                <Link className="btn secondary" href={`/courses/${course.handle}/lessons/${preview.id}`}>
                  Watch a free preview
                </Link>
              ) : null}
              {!customer ? (
                <p className="muted">
                  Already bought it? <Link href={`/account/login?next=/courses/${course.handle}`}>Log in</Link>
                </p>
              ) : null}
            </>
          )}
        </aside>
      </div>
      <h2 id="tiers">What you get</h2>
      <TierBuy tiers={course.tiers} currentTier={course.access.tier} quotes={upgradeQuotes} />
      <h2>Curriculum</h2>
      <Outline
        course={course}
        view={{ all: query.outline === "all", module: Number.parseInt(query.module ?? "", 10) || undefined, continueLessonId: course.access.tier > 0 ? next?.id : undefined }}
      />
      <CourseInstructors instructors={course.instructors} />
      <CourseFaq faq={course.faq} />
    </article>
  )
}

/** A product that is not a course: its variants with prices and buy buttons. */
async function ProductOnly({ handle }: { handle: string }) {
  const [product, region] = await Promise.all([getProduct(handle), getRegion()])
  if (!product) notFound()
  const priced = product.variants.some((v) => v.calculated_price?.calculated_amount != null)
  return (
    <article>
      <h1>{product.title}</h1>
      {product.subtitle ? <p className="muted">{product.subtitle}</p> : null}
      <p>{product.description}</p>
      {priced ? (
        <div className="tiers">
          {product.variants.map((v) => (
            <section className="tier" key={v.id} aria-label={`${v.title} tier`}>
              <h3 style={{ margin: 0 }}>{v.title}</h3>
              <div className="price">{formatMoney(v.calculated_price?.calculated_amount, v.calculated_price?.currency_code ?? "usd")}</div>
              <form action={addToCart}>
                <input type="hidden" name="variant_id" value={v.id} />
                <button className="btn" type="submit" disabled={!v.calculated_price}>
                  Buy {v.title}
                </button>
              </form>
            </section>
          ))}
        </div>
      ) : (
        <div className="panel warn" role="status">
          <strong>Not sold in {region?.name ?? "your region"}.</strong> Choose another region at the bottom of the page.
        </div>
      )}
    </article>
  )
}
