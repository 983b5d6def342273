/// Screens the lines of one batch or file against one state of the
/// registry (a ``TraderDirectory/Snapshot`` taken when it is made), so that
/// a batch's answers agree with each other however the registry moves
/// meanwhile, and no line waits on the directory's lock.
package struct Screener: Sendable {
    let service: LookupService
    let snapshot: TraderDirectory.Snapshot?

    /// The answer to one line as read: screened, or `invalid` with why it could not be read.
    package func answer(_ line: DeclarationBatch.Line) -> ScreeningResult {
        switch line.declaration {
        case .success(let declaration): service.screen(declaration, line: line.number, in: snapshot)
        case .failure(let error): ScreeningResult.invalid(line: line.number, declaration: nil, error)
        }
    }
}
