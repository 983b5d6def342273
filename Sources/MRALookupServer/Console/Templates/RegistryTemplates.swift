extension ConsoleTemplates {
    static let trust = """
        {{<layout}}{{$body}}
        {{#page.available}}
        <p class="hint">As <code>mra-gateway trust list</code> assesses them on {{page.assessedAt}} (read again every five minutes at most): every partner's anchors, intermediates and CRLs, and our certificates, soonest to end first. Within {{page.windowDays}} days is <i>expiring</i>.</p>
        <form class="filters" method="get" action="/console/trust"><label><input type="checkbox" name="attention" value="1"{{#page.onlyAttention}} checked{{/page.onlyAttention}}> Only what needs attention ({{page.needingAttention}})</label> <button type="submit">Show</button></form>
        {{#page.failures}}<p class="problem">{{.}}</p>{{/page.failures}}
        <div class="scroll"><table class="grid" id="trust-table"><thead><tr><th>Program</th><th>Kind</th><th>File</th><th>Subject or issuer</th><th>Ends</th><th class="n">Days left</th><th>Status</th></tr></thead><tbody>
        {{#page.rows}}<tr><td>{{program}}</td><td>{{kind}}</td><td class="file">{{file}}</td><td class="subject">{{subject}}</td><td class="nowrap">{{validUntil}}</td><td class="n">{{daysLeft}}</td><td><span class="tag {{tone}}">{{status}}</span>{{#note}} <em>{{.}}</em>{{/note}}</td></tr>{{/page.rows}}
        {{^page.rows}}<tr><td colspan="7" class="empty">Nothing to show.</td></tr>{{/page.rows}}
        </tbody></table></div>
        {{/page.available}}
        {{^page.available}}<p class="hint">This server does not read the trust stores.</p>{{/page.available}}
        {{/body}}{{/layout}}
        """

    static let members = """
        {{<layout}}{{$body}}
        <form class="filters" method="get" action="/console/members">
        <label>Identifier <input type="search" name="q" id="q" value="{{page.q}}" placeholder="member id, MID, EORI, linked id…" size="34"></label>
        <label>As of <input type="date" name="at" value="{{page.at}}"></label>
        <button type="submit" id="search">Search</button>
        </form>
        {{#page.searched}}
        <p class="count" id="count">{{page.found}} member(s) carry <b class="mono">{{page.q}}</b>{{#page.fits}}; it fits {{.}}{{/page.fits}}.</p>
        {{#page.members}}
        <section class="panel member" data-member="{{program}}:{{memberId}}">
        <h2><span dir="auto" class="name">{{legalName}}</span> <span class="tag {{tone}}">{{status}}</span></h2>
        <p class="lead">{{programName}} ({{program}}) member <b class="mono">{{memberId}}</b> ({{scheme}}), found by its {{matchedOn}}. Roles: {{roles}}.{{#statusEffective}} Status since {{.}}{{/statusEffective}}{{#statusReason}}: {{.}}{{/statusReason}}</p>
        <p class="benefit">{{#mraBenefits}}<span class="tag ok" id="benefits">MRA benefits</span>{{/mraBenefits}}{{^mraBenefits}}<span class="tag bad" id="benefits">no MRA benefits</span>{{/mraBenefits}} at a US entry ({{basis}}):</p>
        <ul class="checks">{{#checks}}<li class="{{#passed}}passed{{/passed}}{{^passed}}failed{{/passed}}">{{check}}: {{reason}}</li>{{/checks}}</ul>
        <div class="row">
        <div class="panel inner"><h3>Status history</h3><table class="grid history"><thead><tr><th>Effective</th><th>Event</th><th>Reason</th><th>Partner's batch</th></tr></thead><tbody>
        {{#history}}<tr><td class="nowrap">{{effective}}</td><td>{{kind}}</td><td>{{reason}}{{^reason}}{{cause}}{{/reason}}</td><td>{{partner}} {{batchId}}</td></tr>{{/history}}
        {{^history}}<tr><td colspan="4" class="empty">No event recorded.</td></tr>{{/history}}
        </tbody></table></div>
        <div class="panel inner"><h3>MID links</h3><table class="grid"><thead><tr><th>MID</th><th>From</th><th>To</th></tr></thead><tbody>
        {{#mids}}<tr><td class="mono"><a href="{{link}}">{{mid}}</a></td><td>{{validFrom}}</td><td>{{validTo}}{{#open}}open{{/open}}</td></tr>{{/mids}}
        {{^mids}}<tr><td colspan="3" class="empty">None.</td></tr>{{/mids}}
        </tbody></table></div>
        </div>
        </section>
        {{/page.members}}
        {{^page.members}}<p class="problem" id="unknown">No partner vouches for this identifier: no program's member carries it.</p>{{/page.members}}
        {{/page.searched}}
        {{/body}}{{/layout}}
        """
}
