import type { GetServerSideProps } from "next"
import Head from "next/head"
import Link from "@/components/link"
import { Outline, ProgressBar } from "@/components/outline"
import { TierBuy } from "@/components/tier-buy"
import { FreeEnroll } from "@/components/free-enroll"
import { CourseFaq, CourseInstructors, lowestTierPrice } from "@/components/course-details"
import { PagesNotFound } from "@/components/pages-not-found"
import { FormError } from "@/components/form-error"
import { continueLesson, lessonsInOrder } from "@/lib/course-view"
import { formatMoney } from "@/lib/money"
import { tierName, tierOwnName } from "@/lib/tiers"
import { getCourse, getUpgradeQuotes, type Course, type UpgradeQuote } from "@/lib/courses"
import { getCustomer, getOrg, getProduct, getRegion, type Product } from "@/lib/data"
import { getLocale } from "@/lib/locale"
import { siteOrigin } from "@/lib/origin"
import { courseHead, type HeadTags } from "@/lib/seo"
import { HeadTagsView } from "@/components/head-tags"
import { recordCourseView } from "@/lib/analytics"
import { queryValue, shellPageProps, type ShellProps } from "@/lib/pages-props"

/**
 * The course page, on the Pages Router with no client JavaScript at all (issue 30: on a slow
 * phone the App Router's own runtime was the page's long task). Everything here is HTML:
 * links, and forms that post to `/form/<name>` (lib/store-forms.ts). A handle that is a
 * product but not a course shows the product with its buy buttons.
 */
// `runtime` is the default, named so that the object fits Next's PagesPageConfig type, which
// leaves out `unstable_runtimeJS` (next/dist/server/render.js still honours it).
export const config = { runtime: "nodejs", unstable_runtimeJS: false }

type Query = Record<string, string | undefined>
type CoursePageData =
  | { kind: "course"; course: Course; loggedIn: boolean; upgradeQuotes: UpgradeQuote[] | null; query: Query; head: HeadTags }
  | { kind: "product"; product: Product; regionName: string | null; query: Query }

export const getServerSideProps: GetServerSideProps = async (ctx) => {
  const handle = queryValue(ctx.params?.handle) ?? ""
  const query: Query = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, queryValue(v)]))
  return shellPageProps<CoursePageData>(ctx, async () => {
    const course = await getCourse(handle)
    if (!course) {
      const [product, region] = await Promise.all([getProduct(handle), getRegion()])
      return product ? { kind: "product", product, regionName: region?.name ?? null, query } : null
    }
    // One view for the org's conversion figures (analytics): fire-and-forget, nothing about the visitor.
    void recordCourseView(course.id)
    const [customer, org, origin, { locale }] = await Promise.all([getCustomer(), getOrg(), siteOrigin(), getLocale()])
    // Search and social tags and JSON-LD (lib/seo.ts), in the visitor's locale.
    const head = courseHead(course, org, origin, { locale, tierLabel: (t) => tierName(course.tiers, t.tier) })
    // A student of a lower tier upgrades here too: each higher tier's price after their credit.
    const upgradeQuotes =
      course.access.tier > 0
        ? [...(await getUpgradeQuotes(course.tiers.filter((t) => t.tier > course.access.tier).flatMap((t) => t.variants.map((v) => v.id)))).values()]
        : null
    return { kind: "course", course, loggedIn: !!customer, upgradeQuotes, query, head }
  })
}

export default function CoursePage(props: ShellProps & { page: CoursePageData | null }) {
  const org = "shell" in props ? props.shell.org.name : ""
  if (!props.page) {
    return <PagesNotFound org={org} />
  }
  if (props.page.kind === "product") return <ProductOnly {...props.page} org={org} />
  const { course, loggedIn, upgradeQuotes, query, head } = props.page
  const next = continueLesson(course)
  const preview = lessonsInOrder(course).find((l) => l.is_preview)
  const price = lowestTierPrice(course.tiers)
  // One tier for sale: buy it right here; several: the tier cards below compare them.
  const buyable = course.tiers.flatMap((t) => t.variants.map((v) => ({ t, v }))).filter(({ v }) => (v.calculated_price?.calculated_amount ?? 0) > 0)
  const single = buyable.length === 1 ? buyable[0] : null
  const singleName = single ? tierOwnName(single.t, single.v.title) : null
  return (
    <article>
      <HeadTagsView head={head} />
      <FormError message={query.form_error} />
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
          <FreeEnroll course={course} loggedIn={loggedIn} params={query} />
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
                <form method="post" action="/form/add-to-cart">
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
              {!loggedIn ? (
                <p className="muted">
                  Already bought it? <Link href={`/account/login?next=/courses/${course.handle}`}>Log in</Link>
                </p>
              ) : null}
            </>
          )}
        </aside>
      </div>
      <h2 id="tiers">What you get</h2>
      <TierBuy tiers={course.tiers} currentTier={course.access.tier} quotes={upgradeQuotes ?? undefined} />
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
function ProductOnly({ product, regionName, query, org }: { product: Product; regionName: string | null; query: Query; org: string }) {
  const priced = product.variants.some((v) => v.calculated_price?.calculated_amount != null)
  return (
    <article>
      <Head>
        <title>{`${product.title} · ${org}`}</title>
      </Head>
      <FormError message={query.form_error} />
      <h1>{product.title}</h1>
      {product.subtitle ? <p className="muted">{product.subtitle}</p> : null}
      <p>{product.description}</p>
      {priced ? (
        <div className="tiers">
          {product.variants.map((v) => (
            <section className="tier" key={v.id} aria-label={`${v.title} tier`}>
              <h3 style={{ margin: 0 }}>{v.title}</h3>
              <div className="price">{formatMoney(v.calculated_price?.calculated_amount, v.calculated_price?.currency_code ?? "usd")}</div>
              <form method="post" action="/form/add-to-cart">
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
          <strong>Not sold in {regionName ?? "your region"}.</strong> Choose another region at the bottom of the page.
        </div>
      )}
    </article>
  )
}
