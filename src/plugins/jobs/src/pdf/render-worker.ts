/**
 * A render thread of the PDF pool (see pool.ts): renders one document at a
 * time and hands the PDF back without copying. It runs at a lower scheduling
 * priority than the API's thread, so a burst of documents takes the idle CPU,
 * not the time of a till waiting for its answer.
 */
import os from "os"
import { parentPort, workerData } from "worker_threads"

import type { BrandingDTO, DocumentKind } from "../types"
import { renderDocument } from "./render"

type Task = { id: number; kind: DocumentKind; data: unknown; branding: BrandingDTO }

const nice = Number((workerData as { nice?: number } | undefined)?.nice ?? 10)
try {
  // On Linux, pid 0 is the calling thread: only this render thread is lowered.
  os.setPriority(0, Math.min(19, Math.max(os.getPriority(0), nice)))
} catch {
  // not permitted here: render at normal priority
}

parentPort?.on("message", (task: Task) => {
  renderDocument(task.kind, task.data, task.branding).then(
    (pdf) => {
      const bytes = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer
      parentPort?.postMessage({ id: task.id, ok: true, pdf: bytes }, [bytes])
    },
    (e: Error) => parentPort?.postMessage({ id: task.id, ok: false, error: { name: e?.name ?? "Error", message: e?.message ?? String(e) } })
  )
})
