import { Button, Drawer, Input, Label, Text, Textarea } from "@medusajs/ui"
import { useEffect, useState } from "react"
import type { Block } from "../lib/queries"
import { BLOCK_TEMPLATES } from "../lib/blocks"

/**
 * A block's settings: its text fields as inputs, nested content (items, links, rich text)
 * as JSON. The server validates every field on save and names the one it refuses.
 */
export function BlockDrawer({ block, onClose, onApply }: { block: Block | null; onClose: () => void; onApply: (block: Block) => void }) {
  const [fields, setFields] = useState<Record<string, string>>({})
  const [nested, setNested] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    if (!block) return
    const { id: _id, type: _type, ...rest } = block
    const flat: Record<string, string> = {}
    const deep: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(rest)) {
      if (typeof value === "string") flat[key] = value
      else deep[key] = value
    }
    setFields(flat)
    setNested(Object.keys(deep).length ? JSON.stringify(deep, null, 2) : "")
    setProblem(null)
  }, [block])
  if (!block) return null
  const apply = () => {
    let deep: Record<string, unknown> = {}
    try {
      deep = nested.trim() ? (JSON.parse(nested) as Record<string, unknown>) : {}
    } catch (e) {
      return setProblem(`Nested content is not valid JSON: ${e instanceof Error ? e.message : String(e)}`)
    }
    const flat = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ""))
    onApply({ id: block.id, type: block.type, ...flat, ...deep })
  }
  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header><Drawer.Title>{BLOCK_TEMPLATES[block.type]?.label ?? block.type}</Drawer.Title></Drawer.Header>
        <Drawer.Body className="flex flex-col gap-3 overflow-auto">
          {Object.entries(fields).map(([key, value]) => (
            <div key={key}>
              <Label htmlFor={`field-${key}`}>{key}</Label>
              <Input id={`field-${key}`} value={value} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} />
            </div>
          ))}
          <div>
            <Label htmlFor="field-nested">Nested content (JSON)</Label>
            <Textarea id="field-nested" rows={14} className="font-mono" value={nested} onChange={(e) => setNested(e.target.value)} />
          </div>
          {problem ? <Text className="text-ui-fg-error">{problem}</Text> : null}
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
          <Button onClick={apply}>Apply</Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
