import MRAGateway
extension CriteriaLibrary {
    /// The crosswalk's links, declared and (with `derived`) those derived
    /// through the hub for framework pairs with no direct link, in a stable order.
    package func crosswalkLinks(derived: Bool) -> [CrosswalkLink] {
        var links = crosswalk.links
        if derived, let hub = crosswalk.hub {
            let frameworks = catalogues.keys.filter { $0 != hub }.sorted()
            for (index, a) in frameworks.enumerated() {
                for b in frameworks[(index + 1)...] {
                    let found = crosswalk.links(between: a, and: b)
                    if found.first?.via != nil { links += found }
                }
            }
        }
        return links
    }

    /// The title of node `reference`, or "" when unknown.
    package func text(of reference: CriterionReference) -> String {
        catalogues[reference.framework]?.node(reference.id)?.text ?? ""
    }

    /// The crosswalk as JSON: version, revisions, links.
    package func crosswalkJSON(derived: Bool) -> String {
        var json = JSONText()
        json.object { json in
            json.field("version", crosswalk.version)
            json.field("title", crosswalk.title)
            json.field("hub", crosswalk.hub)
            json.array("revisions", crosswalk.revisions)
            json.array("links", crosswalkLinks(derived: derived)) { json, link in
                json.object { json in
                    json.field("from", link.from.description)
                    json.field("fromText", text(of: link.from))
                    json.field("to", link.to.description)
                    json.field("toText", text(of: link.to))
                    json.field("strength", link.strength.rawValue)
                    json.field("confidence", link.confidence)
                    json.field("source", link.source)
                    json.field("note", link.note.isEmpty ? nil : link.note)
                    json.field("via", link.via?.description)
                }
            }
        }
        return json.text
    }

    /// The crosswalk as CSV, one link a row.
    package func crosswalkCSV(derived: Bool) -> String {
        var csv = CSVText(header: [
            "from", "fromText", "to", "toText", "strength", "confidence", "source", "note", "via",
        ])
        for link in crosswalkLinks(derived: derived) {
            csv.row([
                link.from.description, text(of: link.from), link.to.description, text(of: link.to),
                link.strength.rawValue,
                link.confidence, link.source, link.note, link.via?.description ?? "",
            ])
        }
        return csv.text
    }

    /// The crosswalk as a self-contained HTML table for review.
    package func crosswalkHTML(derived: Bool) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Criteria crosswalk \(htmlEscaped(crosswalk.version))</title>
            <style>\(reportStyle)</style></head><body>
            <header><h1>\(htmlEscaped(crosswalk.title))</h1><p>Version \(htmlEscaped(crosswalk.version)) · hub \(htmlEscaped(crosswalk.hub ?? "none"))</p></header><main>
            <h2>Revisions</h2><table><tr><th>Version</th><th>Date</th><th>Change</th></tr>
            """
        for revision in crosswalk.revisions {
            html +=
                "<tr><td>\(htmlEscaped(revision.version))</td><td>\(htmlEscaped(revision.date))</td><td>\(htmlEscaped(revision.text))</td></tr>"
        }
        html +=
            "</table><h2>Links</h2><table><tr><th>From</th><th>To</th><th>Strength</th><th>Confidence</th><th>Source / note</th></tr>"
        let classes: [LinkStrength: String] = [.equivalent: "agree", .partial: "divergent", .related: "gap"]
        for link in crosswalkLinks(derived: derived) {
            let note = [link.source, link.note].filter { !$0.isEmpty }.joined(separator: ". ")
            html += "<tr><td><b>\(htmlEscaped(link.from.description))</b> \(htmlEscaped(text(of: link.from)))</td>"
            html += "<td><b>\(htmlEscaped(link.to.description))</b> \(htmlEscaped(text(of: link.to)))</td>"
            html += "<td><span class=\"tag \(classes[link.strength]!)\">\(link.strength.rawValue)</span></td>"
            html += "<td>\(htmlEscaped(link.confidence))</td><td>\(htmlEscaped(note))</td></tr>"
        }
        return html + "</table></main></body></html>\n"
    }
}

/// `{"version":…,"date":…,"text":…}`, its `Encodable` form.
extension Crosswalk.Revision: JSONWritable {}
