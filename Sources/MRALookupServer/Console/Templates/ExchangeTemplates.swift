extension ConsoleTemplates {
    static let overview = """
        {{<layout}}{{$body}}
        <section class="panel"><h2>Needs attention</h2>
        <ul class="attention">{{#page.attention}}<li><a href="{{link}}">{{text}}</a></li>{{/page.attention}}</ul>
        {{^page.attention}}<p class="fine">Nothing: no file waits in the quarantine, and the trust material is in date.</p>{{/page.attention}}
        </section>
        <div class="row">
        <section class="panel"><h2>Registry</h2><p class="hint">{{page.indexedIdentifiers}} identifiers indexed for lookups.</p>
        <table class="grid"><thead><tr><th>Program</th><th class="n">Active</th><th class="n">Suspended</th><th class="n">Withdrawn</th><th class="n">Revoked</th></tr></thead><tbody>
        {{#page.programs}}<tr><td>{{program}}</td><td class="n">{{active}}</td><td class="n">{{suspended}}</td><td class="n">{{withdrawn}}</td><td class="n">{{revoked}}</td></tr>{{/page.programs}}
        {{^page.programs}}<tr><td colspan="5" class="empty">The registry holds no member yet.</td></tr>{{/page.programs}}
        </tbody></table></section>
        <section class="panel"><h2>Exchange with partners</h2>
        <table class="grid"><thead><tr><th>Partner</th><th class="n">Applied</th><th class="n">Not applied</th><th class="n">Sent</th><th>Last applied</th><th>Last delivered</th></tr></thead><tbody>
        {{#page.partners}}<tr><td><a href="/console/ledger?partner={{partner}}">{{partner}}</a></td><td class="n">{{applied}}</td><td class="n">{{notApplied}}</td><td class="n">{{sent}}</td><td class="nowrap">{{lastApplied}}</td><td class="nowrap">{{lastDelivered}}</td></tr>{{/page.partners}}
        {{^page.partners}}<tr><td colspan="6" class="empty">No file exchanged yet.</td></tr>{{/page.partners}}
        </tbody></table></section>
        </div>
        {{/body}}{{/layout}}
        """

    static let ledgerRows = """
        <div class="scroll"><table class="grid" id="ledger-table"><thead><tr><th class="n">Entry</th><th>Received</th><th>Partner</th><th>Direction</th><th>File</th><th>Outcome</th><th>What it held, or why not applied</th></tr></thead><tbody>
        {{#page.entries}}<tr data-entry="{{id}}"><td class="n"><a href="{{link}}">{{id}}</a></td><td class="nowrap">{{receivedAt}}</td><td>{{partner}}</td><td>{{direction}}</td><td class="file">{{file}}</td><td><span class="tag {{tone}}">{{outcome}}</span></td><td>{{summary}}{{#disposition}} <em>({{.}})</em>{{/disposition}}</td></tr>{{/page.entries}}
        {{^page.entries}}<tr><td colspan="7" class="empty">No entries.</td></tr>{{/page.entries}}
        </tbody></table></div>
        """

    static let ledger = """
        {{<layout}}{{$body}}
        <form class="filters" method="get" action="/console/ledger">
        <label>Partner <select name="partner" id="partner">{{#page.partners}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.partners}}</select></label>
        <label>Direction <select name="direction" id="direction">{{#page.directions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.directions}}</select></label>
        <label>Outcome <select name="outcome" id="outcome">{{#page.outcomes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.outcomes}}</select></label>
        <label>Received from <input type="date" name="from" value="{{page.filter.from}}"></label>
        <label>through <input type="date" name="through" value="{{page.filter.through}}"></label>
        <button type="submit" id="filter">Filter</button> <a href="/console/ledger">Clear</a>
        </form>
        <p class="count" id="count">{{page.total}} entries match.</p>
        \(ledgerRows)
        {{#page.olderPage}}<p><a href="{{.}}">Older entries →</a></p>{{/page.olderPage}}
        {{/body}}{{/layout}}
        """

    static let quarantine = """
        {{<layout}}{{$body}}
        <p class="hint">Files received and not applied, kept with their reason until an operator requeues them (once the cause is fixed) or releases them (a list the guard against mass withdrawal stopped).{{^page.actionsAvailable}} This server does not know the exchange root: requeue and release with <code>mra-gateway exchange requeue|release ENTRY</code>.{{/page.actionsAvailable}}</p>
        <p class="count" id="count">{{page.total}} files wait.</p>
        \(ledgerRows)
        {{/body}}{{/layout}}
        """

    static let entry = """
        {{<layout}}{{$body}}
        {{#page.notice}}<p class="notice" id="notice">{{.}}</p>{{/page.notice}}
        {{#page.row}}<p class="lead">Entry <b id="entry-id">{{id}}</b>: {{direction}} <b>{{file}}</b> of <b>{{partner}}</b>, <span class="tag {{tone}}" id="outcome">{{outcome}}</span>{{#disposition}} <em>({{.}})</em>{{/disposition}}</p>{{/page.row}}
        {{#page.quarantined}}<section class="panel actions"><h2>In the quarantine</h2>
        {{#page.canRequeue}}<form method="post" action="/console/ledger/{{page.row.id}}/requeue"><input type="hidden" name="formToken" value="{{formToken}}"><button type="submit" id="requeue">Requeue</button> back to its inbox for the next run, once the cause is fixed.</form>{{/page.canRequeue}}
        {{#page.canRelease}}<form method="post" action="/console/ledger/{{page.row.id}}/release"><input type="hidden" name="formToken" value="{{formToken}}"><button type="submit" id="release" class="danger">Release</button> and apply it now, past the guard against mass withdrawal.</form>{{/page.canRelease}}
        {{#page.actionsNote}}<p class="hint">{{.}}</p>{{/page.actionsNote}}
        </section>{{/page.quarantined}}
        <div class="row">
        <section class="panel"><h2>The file</h2><dl>
        <dt>SHA-256</dt><dd class="mono">{{page.sha256}}</dd><dt>Bytes</dt><dd>{{page.bytes}}</dd>
        <dt>Batch</dt><dd>{{page.batchId}} {{page.batchKind}} {{page.batchCreated}}</dd>
        <dt>Received</dt><dd>{{page.row.receivedAt}}</dd><dt>Processed</dt><dd>{{page.processedAt}}</dd>
        {{#page.deliveredAt}}<dt>Delivered</dt><dd>{{.}} ({{page.partnerOutcome}})</dd>{{/page.deliveredAt}}
        </dl></section>
        <section class="panel"><h2>Records</h2>{{#page.counts}}<dl>
        <dt>In the file</dt><dd>{{records}}</dd><dt>Accepted</dt><dd>{{accepted}}</dd><dt>Rejected</dt><dd>{{rejected}}</dd>
        <dt>New</dt><dd>{{inserted}}</dd><dt>Changed</dt><dd>{{changed}}</dd><dt>Unchanged</dt><dd>{{unchanged}}</dd><dt>Withdrawn</dt><dd>{{withdrawn}}</dd>
        </dl>{{/page.counts}}</section>
        </div>
        {{#page.reason}}<section class="panel"><h2>Reason: <span class="mono" id="reason">{{.}}</span></h2><pre id="message">{{page.message}}</pre></section>{{/page.reason}}
        {{#page.verification}}<section class="panel"><h2>Verification report</h2><pre id="verification">{{.}}</pre></section>{{/page.verification}}
        {{#page.receipt}}<section class="panel"><h2>Receipt</h2><pre id="receipt">{{.}}</pre></section>{{/page.receipt}}
        <section class="panel"><h2>Delivery attempts</h2><table class="grid"><thead><tr><th>At</th><th>Endpoint</th><th class="n">HTTP</th><th>Result</th><th>Code</th><th>Message</th></tr></thead><tbody>
        {{#page.attempts}}<tr><td class="nowrap">{{at}}</td><td class="file">{{endpoint}}</td><td class="n">{{httpStatus}}</td><td>{{result}}</td><td>{{code}}</td><td>{{message}}</td></tr>{{/page.attempts}}
        {{^page.attempts}}<tr><td colspan="6" class="empty">None: received files, and lists not sent over the network, have none.</td></tr>{{/page.attempts}}
        </tbody></table></section>
        {{/body}}{{/layout}}
        """
}
