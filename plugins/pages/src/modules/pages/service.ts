import { MedusaService } from "@medusajs/framework/utils"
import { Page } from "./models/page"
import { PageVersion } from "./models/page-version"

export default class PagesModuleService extends MedusaService({ Page, PageVersion }) {}
