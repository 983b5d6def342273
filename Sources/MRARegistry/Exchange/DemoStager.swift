package import MRAGateway

/// Stages a whole round of partner files in the inbox, each signed with its
/// partner's DEMO identity (`Certs/<program>/demo/`, public keys: demos only):
/// the program's valid sample from `Examples/<program>/`, or `records`
/// generated members per program. A delimited list carries no signature:
/// it is staged as it is (its partner's `partner.xml` must accept unsigned lists).
///
/// With `problems`, it also stages what the job must keep out of the
/// registry, named to be taken after the partner's own file: the same
/// signed EU list again (duplicate), a copy changed after signing
/// (tampered), an EU delta created before the EU list (out of order), and
/// an unsigned copy of the UK list.
package struct DemoStager {
    package var configuration: GatewayConfiguration
    package var folders: ExchangeFolders
    package var today: CalendarDate

    package init(configuration: GatewayConfiguration, folders: ExchangeFolders, today: CalendarDate) {
        self.configuration = configuration
        self.folders = folders
        self.today = today
    }

    /// Writes the files and returns their paths.
    package func stage(records: Int?, problems: Bool) throws(ExchangeError) -> [String] {
        let programs = configuration.catalogue.programs.map(\.id).sorted()
        try folders.create(programs: programs)
        var staged: [String] = []
        var signedByProgram: [String: (name: String, bytes: [UInt8])] = [:]
        for program in programs {
            let (name, document) = try source(program: program, records: records)
            let signed = try isDelimited(program) ? document : sign(document, program: program, name: name)
            let path = folders.inbox(program, file: name)
            try DurableFiles.write(signed, to: path)
            staged.append(path)
            signedByProgram[program] = (name, signed)
        }
        guard problems else { return staged }

        // Problem files are named to sort after the partners' own files (inbox order is name order).
        if let (name, signed) = signedByProgram["eu-aeo"] {
            let duplicate = folders.inbox("eu-aeo") + "/zz-1-resent-" + name
            try DurableFiles.write(signed, to: duplicate)
            var tampered = signed
            if let index = Self.contentDigit(in: tampered) { tampered[index] = tampered[index] == 0x31 ? 0x32 : 0x31 }
            let tamperedPath = folders.inbox("eu-aeo") + "/zz-2-tampered-" + name
            try DurableFiles.write(tampered, to: tamperedPath)
            let (deltaName, delta) = try generated(
                program: "eu-aeo", count: 3, seed: 7, kind: .delta, created: "2000-01-01T00:00:00Z",
                batchId: "EU-AEO-DEMO-OLD-DELTA")
            let deltaPath = folders.inbox("eu-aeo") + "/zz-3-old-delta-" + deltaName
            try DurableFiles.write(try sign(delta, program: "eu-aeo", name: deltaName), to: deltaPath)
            staged += [duplicate, tamperedPath, deltaPath]
        }
        if let (name, _) = signedByProgram["gb-aeo"] {
            let (_, document) = try source(program: "gb-aeo", records: records)
            let unsigned = folders.inbox("gb-aeo") + "/zz-1-unsigned-" + name
            try DurableFiles.write(document, to: unsigned)
            staged.append(unsigned)
        }
        return staged
    }

    /// The sample of `program`, or `records` generated members.
    private func source(program: String, records: Int?) throws(ExchangeError) -> (String, [UInt8]) {
        if let records {
            return try generated(
                program: program, count: records, seed: 2026, kind: .full, created: "\(today)T00:00:00Z",
                batchId: "\(program.uppercased())-DEMO-\(records)")
        }
        let folder = configuration.home.path + "/Examples/" + program
        let names = (try? DurableFiles.files(in: folder)) ?? []
        let list = names.first { ($0.hasSuffix(".xml") || $0.hasSuffix(".csv")) && !$0.hasPrefix("broken") }
        guard let name = list else {
            throw ExchangeError(.configuration, "no valid sample in \(folder)")
        }
        return (name, try DurableFiles.read(folder + "/" + name))
    }

    private func generated(
        program: String, count: Int, seed: UInt64, kind: BatchHeader.Kind, created: String, batchId: String
    ) throws(ExchangeError) -> (String, [UInt8]) {
        do {
            let generator = try RecordGenerator(configuration: configuration, program: program, today: today)
            let translator = try Translator(configuration: configuration, from: program, to: program, today: today)
            var document: [UInt8] = []
            let result = translator.write(
                records: generator.records(count: count, seed: seed),
                batch: BatchHeader(id: batchId, kind: kind, created: created)
            ) { document += $0 }
            guard result.succeeded else {
                throw ExchangeError(.export, "cannot generate \(program): \(result.problems.prefix(3))")
            }
            return ("\(program)-generated-\(count).\(isDelimited(program) ? "csv" : "xml")", document)
        } catch let error as ExchangeError {
            throw error
        } catch {
            throw ExchangeError(.configuration, "\(error)")
        }
    }

    /// Whether a program's lists are delimited text.
    private func isDelimited(_ program: String) -> Bool {
        (try? configuration.program(program))?.mapping.tabular != nil
    }

    private func sign(_ document: [UInt8], program: String, name: String) throws(ExchangeError) -> [UInt8] {
        do {
            let signer = try Signer(identity: try SigningIdentity.demo(program: program, home: configuration.home))
            return try signer.sign(bytes: document, file: name)
        } catch {
            throw ExchangeError(.signing, "cannot sign \(name) with \(program)'s demo identity: \(error)")
        }
    }

    /// A digit in element content in the second half of the document, to change after signing.
    package static func contentDigit(in bytes: [UInt8]) -> Int? {
        // Skip the prologue and header: change a digit in the second half of the document.
        var index = bytes.count / 2
        while index < bytes.count {
            if (0x30...0x39).contains(bytes[index]), index > 0, bytes[index - 1] != UInt8(ascii: "=") {
                // Inside text content: the nearest preceding angle bracket is a '>'.
                var back = index
                while back > 0 && bytes[back] != UInt8(ascii: "<") && bytes[back] != UInt8(ascii: ">") { back -= 1 }
                if bytes[back] == UInt8(ascii: ">") { return index }
            }
            index += 1
        }
        return nil
    }
}
