import type { Logger } from "@medusajs/medusa"
import type { AwilixContainer } from "awilix"
import type { EntityManager } from "typeorm"

import type DocumentService from "../services/document"
import type JobQueueService from "../services/job-queue"
import type MailService from "../services/mail"
import type ScheduleService from "../services/schedule"
import { errorText } from "../utils/errors"

const REQUEUE_AFTER_MS = 60_000

/**
 * Starts the pipeline: defines the queues, starts their workers when this
 * process consumes (worker_mode `worker`/`shared`, or no Redis), registers the
 * built-in schedule, and makes shutdown graceful: on SIGTERM/SIGINT the workers
 * stop taking jobs and finish the running ones before Medusa closes the database.
 */
export default async function jobsLoader(container: AwilixContainer): Promise<void> {
  const logger = container.resolve<Logger>("logger")
  const jobs = container.resolve<JobQueueService>("jobQueueService")
  const mail = container.resolve<MailService>("mailService")
  const documents = container.resolve<DocumentService>("documentService")
  const schedules = container.resolve<ScheduleService>("scheduleService")

  schedules.register("jobs.requeue-queued-mails", "*/5 * * * *", async ({ now }) => ({
    requeued: await mail.requeueQueued(new Date(now.getTime() - REQUEUE_AFTER_MS)),
  }))
  schedules.register("jobs.requeue-queued-documents", "*/5 * * * *", async ({ now }) => ({
    requeued: await documents.requeueQueued(new Date(now.getTime() - REQUEUE_AFTER_MS)),
  }))

  if (jobs.startWorkers()) {
    logger.info(
      `[jobs] workers started (${jobs.options.redisUrl ? "BullMQ" : "in-process"}; mail via ${mail.transport === "smtp" ? "SMTP" : ".eml files"}; ` +
        `PDFs on ${documents.renderThreads ? `${documents.renderThreads} render thread(s)` : "the main thread"})`
    )
    void mail.requeueQueued().catch((e) => logger.warn(`[jobs] could not requeue queued mails: ${errorText(e)}`))
    void documents.requeueQueued().catch((e) => logger.warn(`[jobs] could not requeue queued documents: ${errorText(e)}`))
  } else {
    logger.info("[jobs] worker_mode=server: this instance queues mail and documents, workers elsewhere send and render them")
  }

  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    closing ??= jobs.close().finally(() => Promise.all([mail.close(), documents.close()]).then(() => undefined))
    return closing
  }
  process.once("SIGTERM", () => void close())
  process.once("SIGINT", () => void close())
  // Medusa destroys the database connection while shutting down: let running jobs finish first.
  const dataSource = container.resolve<EntityManager>("manager").connection
  const destroy = dataSource.destroy.bind(dataSource)
  dataSource.destroy = async () => {
    await close()
    return destroy()
  }
}
