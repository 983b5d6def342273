package import Logging
import MRARegistry
import ServiceLifecycle

/// The long-running half of `exchange serve`: processes what folder
/// channels drop into the inbox, pushes changes of our members to the
/// partners whose arrangement covers them as soon as they are loaded, and
/// keeps delivering partners' queues (a partner that was down gets its
/// files when it is back). It warns about partners' trust material that
/// expires soon at start and then every ``trustWarningInterval``, not for
/// every file (`exchange serve` sets its jobs' ``TrustWarnings/skip``).
package struct LinkWorker: Service {
    package var desk: InboxDesk
    package var courier: Courier
    /// How often the inbox is looked at.
    package var watchInterval: Duration
    /// How often every partner's queue is delivered even when nothing new was written.
    package var drainInterval: Duration
    /// How often the trust material is warned about (`trust-material-expiring`): a day.
    package var trustWarningInterval: Duration
    package var logger: Logger

    package init(
        desk: InboxDesk, courier: Courier, watchInterval: Duration = .milliseconds(500),
        drainInterval: Duration = .seconds(30), trustWarningInterval: Duration = .seconds(86_400), logger: Logger
    ) {
        self.desk = desk
        self.courier = courier
        self.watchInterval = watchInterval
        self.drainInterval = drainInterval
        self.trustWarningInterval = trustWarningInterval
        self.logger = logger
    }

    package func run() async throws {
        let (bell, ring) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        ring.yield()  // deliver what waits from before a restart at once
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await watch(ring: ring) }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: drainInterval)
                    ring.yield()
                }
            }
            group.addTask {
                for await _ in bell {
                    if Task.isCancelled { break }
                    _ = await courier.deliver()
                }
            }
            await withGracefulShutdownHandler {
                await group.next()
            } onGracefulShutdown: {
                ring.finish()
            }
            group.cancelAll()
        }
    }

    /// Processes the inbox every ``watchInterval``; after a load that changed our members,
    /// exports the change to each covered partner with an endpoint and rings for delivery.
    /// Warns about the trust material first, and again once ``trustWarningInterval`` has passed.
    private func watch(ring: AsyncStream<Void>.Continuation) async {
        let partners = desk.coveredPartners(courier.routes.keys.sorted())
        await desk.warnAboutTrustMaterial(sendingTo: partners)
        var warned = ContinuousClock.now
        // A partner linked for the first time gets the full list: later changes go as deltas.
        do {
            if try await !desk.exportChanges(to: partners, firstOnly: true).isEmpty { ring.yield() }
        } catch {
            logger.error(
                "the first lists could not be written",
                metadata: ["code": "\(error.code)", "error": "\(error.message)"])
        }
        while !Task.isCancelled {
            if ContinuousClock.now - warned >= trustWarningInterval {
                await desk.warnAboutTrustMaterial(sendingTo: partners)
                warned = ContinuousClock.now
            }
            var pause = watchInterval
            do {
                let entries = try await desk.processInbox()
                if entries.contains(where: desk.changesOwnMembers), !partners.isEmpty {
                    let written = try await desk.exportChanges(to: partners)
                    if !written.isEmpty { ring.yield() }
                }
            } catch {
                // What stops a run (a trust store, the registry, the disk) does not mend in half a second:
                // looked at again after the drain interval, so that the log says it once, not twice a second.
                logger.error(
                    "the inbox could not be processed",
                    metadata: ["code": "\(error.code)", "error": "\(error.message)", "retryIn": "\(drainInterval)"])
                pause = drainInterval
            }
            try? await Task.sleep(for: pause)
        }
    }
}
