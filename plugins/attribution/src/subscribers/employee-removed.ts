import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ListenedEvents } from "../events"
import { endEmployeeAttributionRulesWorkflow } from "../workflows/end-employee-attribution-rules"

/** org.employee.removed -> the employee's attribution rules end now (future ones are deleted). */
export default async function employeeRemovedSubscriber({
  event,
  container,
}: SubscriberArgs<{ id: string; org_id: string; user_id: string }>) {
  await endEmployeeAttributionRulesWorkflow(container).run({
    input: { employee_id: event.data.id, reason: "employee removed" },
  })
}

export const config: SubscriberConfig = { event: ListenedEvents.EMPLOYEE_REMOVED }
