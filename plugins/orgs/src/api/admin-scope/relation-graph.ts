import { MedusaModule } from "@medusajs/framework/modules-sdk"
import { GraphQLUtils } from "@medusajs/framework/utils"

/** entity -> relation field -> target entity (GraphQL type names). */
export type RelationGraph = Map<string, Map<string, string>>

// What Medusa prepends to the modules' schemas before merging them (medusa-app.js).
const BASE_SCHEMA = `
  scalar DateTime
  scalar JSON
  directive @enumValue(value: String) on ENUM_VALUE
`

let graph: RelationGraph | null = null

/**
 * Every relation `query.graph` can traverse: the schema Medusa's Query is built from (each
 * module's and each link's joiner config, links as `extend type`), merged the way Medusa
 * merges it. Built once, on first use: all modules and links are loaded by then.
 */
export function relationGraph(): RelationGraph {
  if (!graph) {
    const loaded = MedusaModule.getAllJoinerConfigs()
      .map((config) => config?.schema ?? "")
      .join("\n")
    const { schema } = GraphQLUtils.cleanGraphQLSchema(BASE_SCHEMA + loaded)
    const executable = GraphQLUtils.makeExecutableSchema({ typeDefs: GraphQLUtils.mergeTypeDefs(schema) })
    graph = GraphQLUtils.extractRelationsFromGQL(executable.getTypeMap() as unknown as Map<string, any>)
  }
  return graph
}
