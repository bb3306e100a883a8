import { defineLink } from "@medusajs/framework/utils"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import OrgModule from "../modules/org"

// The org keeps its channel id in a column (one indexed lookup per store request);
// this read-only link lets query.graph join the two.
export default defineLink(
  { linkable: OrgModule.linkable.org.id, field: "sales_channel_id" },
  SalesChannelModule.linkable.salesChannel,
  { readOnly: true }
)
