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
