/**
 * A render thread of the PDF pool (see pool.ts): renders one document at a
 * time and hands the PDF back without copying. It runs at a lower scheduling
 * priority than the API's thread, so a burst of documents takes the idle CPU,
 * not the time of a till waiting for its answer.
 */
import os from "os"
import { parentPort, workerData } from "worker_threads"

import { registerDocumentKind, registeredDocumentKind } from "../registry"
import type { BrandingDTO } from "../types"
import { renderDocument } from "./render"

type Task = { id: number; kind: string; module: string | null; data: unknown; branding: BrandingDTO }

const nice = Number((workerData as { nice?: number } | undefined)?.nice ?? 10)
try {
  // On Linux, pid 0 is the calling thread: only this render thread is lowered.
  os.setPriority(0, Math.min(19, Math.max(os.getPriority(0), nice)))
} catch {
  // not permitted here: render at normal priority
}

/** A registered kind this thread has not seen yet: loaded from its module, as the main thread did. */
function load(task: Task): Promise<Buffer> {
  try {
    if (task.module && !registeredDocumentKind(task.kind)) {
      registerDocumentKind(task.module)
    }
    return renderDocument(task.kind, task.data, task.branding)
  } catch (e) {
    return Promise.reject(e)
  }
}

parentPort?.on("message", (task: Task) => {
  load(task).then(
    (pdf) => {
      const bytes = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer
      parentPort?.postMessage({ id: task.id, ok: true, pdf: bytes }, [bytes])
    },
    (e: Error) => parentPort?.postMessage({ id: task.id, ok: false, error: { name: e?.name ?? "Error", message: e?.message ?? String(e) } })
  )
})
