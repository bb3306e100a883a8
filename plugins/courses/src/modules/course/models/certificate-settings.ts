import { model } from "@medusajs/framework/utils"

/** Certificate template of an org (one row per org; defaults apply without one). */
export const CertificateSettings = model
  .define("certificate_settings", {
    id: model.id({ prefix: "certset" }).primaryKey(),
    org_id: model.text(),
    title: model.text().default("Certificate of Completion"),
    body_text: model.text().default("has successfully completed the course"),
    signatory_name: model.text().nullable(),
    signatory_title: model.text().nullable(),
    /** #rrggbb; default the org's branding primary colour, else a dark blue. */
    accent_color: model.text().nullable(),
  })
  .indexes([{ on: ["org_id"], unique: true, where: "deleted_at IS NULL" }])
