import Foundation
import MRAXML

extension ProgramCheck {
    /// The identifier schemes the program uses have a pattern and examples that match it.
    func checkIdentifierExamples(
        _ loaded: (entry: Program, mapping: ProgramMapping, identifiers: IdentifierSchemes?), findings: inout Findings
    ) {
        let file = home.mappings + "/identifiers.xml"
        guard let identifiers = loaded.identifiers else {
            findings.error(Rule.identifiers, "the identifier schemes do not load", file: file)
            return
        }
        var schemes = [loaded.entry.memberIdScheme]
        for entry in loaded.mapping.batchEntries + loaded.mapping.recordEntries {
            if case .linkedId(let scheme, _, _, _) = entry, !schemes.contains(scheme) { schemes.append(scheme) }
        }
        for name in schemes {
            guard let scheme = identifiers.schemes[name] else {
                findings.warning(
                    Rule.identifiers, "scheme \(name) has no entry: its identifiers are not checked", file: file)
                continue
            }
            if scheme.examples.isEmpty {
                findings.warning(Rule.identifiers, "scheme \(name) has no examples", file: file)
            }
            for example in scheme.examples where !scheme.pattern.matches(example) {
                findings.error(
                    Rule.identifiers,
                    "example \"\(example)\" of scheme \(name) does not match its pattern \(scheme.pattern)",
                    file: file)
            }
        }
    }

    /// Every sample of `Examples/<program>/` (not `broken-*`) reads without a
    /// problem, translates to its own format and reads back the same records.
    func checkSamples(findings: inout Findings) {
        let folder = home.path + "/Examples/" + program
        let samples = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { ($0.hasSuffix(".xml") || $0.hasSuffix(".csv")) && !$0.hasPrefix("broken") }.sorted()
        guard !samples.isEmpty else {
            findings.warning(Rule.samples, "no samples: put a list in the format under \(folder)", file: folder)
            return
        }
        let configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration(home: home)
        } catch {
            findings.error(Rule.samples, "samples not checked: the configuration does not load: \(error)", file: folder)
            return
        }
        for sample in samples { checkSample(folder + "/" + sample, configuration: configuration, findings: &findings) }
    }

    private func checkSample(_ path: String, configuration: GatewayConfiguration, findings: inout Findings) {
        do {
            let reader = try PartnerFileReader(configuration: configuration, program: program, today: today)
            var records: [TraderRecord] = []
            let read = reader.read(path: path, onRecord: { if let record = $0.record { records.append(record) } })
            for diagnostic in read.diagnostics {
                var finding = diagnostic
                finding.rule = Rule.samples
                finding.message = "\(diagnostic.rule): \(diagnostic.message)"
                findings.append(finding)
            }
            guard read.isValid, !read.refused else { return }
            let translator = try Translator(configuration: configuration, from: program, to: program, today: today)
            var output: [UInt8] = []
            let translation = translator.translate(path: path) { output += $0 }
            guard translation.succeeded else {
                for problem in translation.problems {
                    findings.error(Rule.samples, "does not translate to its own format: \(problem)", file: path)
                }
                return
            }
            for loss in translation.losses {
                findings.warning(
                    Rule.samples,
                    "translating to its own format loses \(loss.field) of \(loss.recordId): \(loss.reason)",
                    file: path)
            }
            var returned: [TraderRecord] = []
            reader.read(
                bytes: output, file: path + " (translated)",
                onRecord: { if let record = $0.record { returned.append(record) } })
            compare(records, returned, file: path, findings: &findings)
        } catch {
            findings.error(Rule.samples, "\(error)", file: path)
        }
    }

    private func compare(_ original: [TraderRecord], _ returned: [TraderRecord], file: String, findings: inout Findings)
    {
        guard original.count == returned.count else {
            findings.error(
                Rule.samples, "\(original.count) records read, \(returned.count) after translating to its own format",
                file: file)
            return
        }
        for (before, after) in zip(original, returned) where before != after {
            findings.error(
                Rule.samples, "record \(before.memberId) changes when translated to its own format and read back",
                file: file)
        }
    }
}
