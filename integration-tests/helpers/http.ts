/** Resolves to the axios error response of a request expected to fail. */
export async function failure(request: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    const res: any = await request
    throw new Error(`expected the request to fail, it answered ${res?.status}`)
  } catch (error: any) {
    if (!error?.response) throw error
    return { status: error.response.status, data: error.response.data }
  }
}

/** Any request's status and body, whether it succeeded or failed (for actor matrices). */
export async function send(
  api: { get: Function; post: Function; delete: Function },
  method: "get" | "post" | "delete",
  url: string,
  headers: Record<string, string>,
  body?: unknown
): Promise<{ status: number; data: any; headers: Record<string, string> }> {
  try {
    const res = method === "post" ? await api.post(url, body ?? {}, { headers }) : await api[method](url, { headers })
    return { status: res.status, data: res.data, headers: res.headers }
  } catch (error: any) {
    if (!error?.response) throw error
    return { status: error.response.status, data: error.response.data, headers: error.response.headers }
  }
}
