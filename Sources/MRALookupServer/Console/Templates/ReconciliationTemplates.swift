extension ConsoleTemplates {
    static let options = """
        <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
        """

    static let reconciliation = """
        {{<layout}}{{$body}}
        {{#page.available}}
        <p class="hint">Findings in <code>{{page.folder}}</code>: {{page.findingsFiles}} findings file(s), {{page.memberFiles}} member list(s), as of {{page.asOf}}, crosswalk {{page.crosswalkVersion}}.</p>
        <div class="cards">{{#page.cards}}<div class="card {{tone}}"><b>{{value}}</b><span>{{label}}</span></div>{{/page.cards}}</div>
        <details class="panel"><summary>Per program pair</summary><table class="grid"><thead><tr><th>Programs</th><th class="n">Traders</th><th class="n">Agree</th><th class="n">Conflict</th><th class="n">Divergent</th><th class="n">Gap</th><th class="n">Status conflicts</th></tr></thead><tbody>
        {{#page.pairs}}<tr><td>{{programs}}</td><td class="n">{{traders}}</td><td class="n">{{agree}}</td><td class="n">{{conflict}}</td><td class="n">{{divergent}}</td><td class="n">{{gap}}</td><td class="n">{{statusConflicts}}</td></tr>{{/page.pairs}}
        </tbody></table></details>
        <form class="filters" method="get" action="/console/reconciliation">
        <label>Search <input type="search" name="q" id="q" value="{{page.q}}" placeholder="name, id or identifier"></label>
        <label>Program <select name="program">{{#page.programOptions}}\(options){{/page.programOptions}}</select></label>
        <label>Show <select name="show" id="show">{{#page.showOptions}}\(options){{/page.showOptions}}</select></label>
        <input type="hidden" name="sort" value="{{page.sort}}"><input type="hidden" name="dir" value="{{page.dir}}">
        <button type="submit" id="filter">Filter</button> <a href="/console/reconciliation">Clear</a>
        </form>
        <p class="count" id="count">{{page.matching}} of {{page.total}} traders; page {{page.pageNumber}} of {{page.pages}}.</p>
        <div class="scroll"><table class="grid" id="traders"><thead><tr>{{#page.columns}}<th{{#numeric}} class="n"{{/numeric}}><a href="{{href}}" class="sort">{{label}} {{mark}}</a></th>{{/page.columns}}<th>Programs</th></tr></thead><tbody>
        {{#page.traders}}<tr data-trader="{{id}}"{{#needsAttention}} class="attention"{{/needsAttention}}><td class="mono"><a href="{{link}}">{{id}}</a></td><td dir="auto" class="name">{{name}}</td><td class="n">{{agree}}</td><td class="n">{{conflict}}</td><td class="n">{{divergent}}</td><td class="n">{{gap}}</td><td class="n">{{statusConflicts}}</td><td class="n">{{overdue}}</td><td>{{programs}}</td></tr>{{/page.traders}}
        {{^page.traders}}<tr><td colspan="9" class="empty">No trader matches.</td></tr>{{/page.traders}}
        </tbody></table></div>
        <p class="pager">{{#page.previousPage}}<a href="{{.}}">← Previous</a>{{/page.previousPage}} {{#page.nextPage}}<a href="{{.}}">Next →</a>{{/page.nextPage}}</p>
        {{/page.available}}
        {{^page.available}}<p class="hint">No findings folder is reconciled here: serve with <code>--findings DIR</code> (or <code>serve.findings</code>), a folder of findings files and, in <code>DIR/members/</code>, member lists named after their program (<code>ctpat-….xml</code>).</p>{{/page.available}}
        {{/body}}{{/layout}}
        """

    static let trader = """
        {{<layout}}{{$body}}
        <p class="lead"><span dir="auto" class="name" id="trader-name">{{page.name}}</span> · <span class="mono">{{page.id}}</span></p>
        <p class="ids">Identifiers: {{#page.identifierLinks}}<a class="mono" href="{{value}}">{{label}}</a> {{/page.identifierLinks}}</p>
        {{#page.statusConflicts}}<p class="problem">{{.}}</p>{{/page.statusConflicts}}
        {{#page.overdue}}<p class="problem">{{.}}</p>{{/page.overdue}}
        <div class="row">
        <section class="panel"><h2>Memberships</h2><table class="grid"><thead><tr><th>Program</th><th>Member</th><th>Status</th><th>Listed by</th><th>Last validated</th></tr></thead><tbody>
        {{#page.memberships}}<tr><td>{{program}}</td><td class="mono">{{memberId}}</td><td>{{status}}</td><td>{{listedBy}}</td><td>{{lastValidated}}</td></tr>{{/page.memberships}}
        {{^page.memberships}}<tr><td colspan="5" class="empty">No member list names it.</td></tr>{{/page.memberships}}
        </tbody></table></section>
        <section class="panel"><h2>Validations compared</h2><table class="grid"><thead><tr><th>Program</th><th>Member</th><th>Date</th><th>Validator</th><th class="n">Findings</th></tr></thead><tbody>
        {{#page.validations}}<tr><td>{{program}}</td><td class="mono">{{memberId}}</td><td>{{date}}</td><td>{{validator}}</td><td class="n">{{findings}}</td></tr>{{/page.validations}}
        </tbody></table></section>
        </div>
        <form class="filters" method="get"><label>Comparisons <select name="outcome" id="outcome">{{#page.outcomeOptions}}\(options){{/page.outcomeOptions}}</select></label> <button type="submit">Show</button></form>
        <div class="scroll"><table class="grid" id="comparisons"><thead><tr><th>Outcome</th><th>Programs</th><th>Criterion</th><th>Result</th><th>Criterion</th><th>Result</th><th>Link</th><th>Notes</th></tr></thead><tbody>
        {{#page.comparisons}}<tr><td><span class="tag {{outcome}}">{{outcome}}</span></td><td class="nowrap">{{programs}}</td><td class="mono nowrap">{{criterionA}}</td><td class="nowrap">{{resultA}}</td><td class="mono nowrap">{{criterionB}}</td><td class="nowrap">{{resultB}}</td><td class="nowrap">{{strength}}{{#via}} via {{.}}{{/via}}</td><td>{{notes}}</td></tr>{{/page.comparisons}}
        {{^page.comparisons}}<tr><td colspan="8" class="empty">None.</td></tr>{{/page.comparisons}}
        </tbody></table></div>
        {{/body}}{{/layout}}
        """

    static let crosswalk = """
        {{<layout}}{{$body}}
        {{#page.available}}
        <p class="hint">{{page.title}}, version {{page.version}}, hub {{page.hub}}.</p>
        <form class="filters" method="get" action="/console/crosswalk">
        <label>Search <input type="search" name="q" id="q" value="{{page.q}}" placeholder="criterion or words"></label>
        <label>Framework <select name="framework">{{#page.frameworkOptions}}\(options){{/page.frameworkOptions}}</select></label>
        <label>Strength <select name="strength">{{#page.strengthOptions}}\(options){{/page.strengthOptions}}</select></label>
        <label><input type="checkbox" name="derived" value="1"{{#page.derived}} checked{{/page.derived}}> with links derived through the hub</label>
        <button type="submit">Filter</button> <a href="/console/crosswalk">Clear</a>
        </form>
        <p class="count" id="count">{{page.matching}} of {{page.total}} links.</p>
        <div class="scroll"><table class="grid" id="links"><thead><tr>{{#page.columns}}<th><a href="{{href}}" class="sort">{{label}} {{mark}}</a></th>{{/page.columns}}<th>Source and note</th></tr></thead><tbody>
        {{#page.links}}<tr><td><b class="mono">{{from}}</b> {{fromText}}</td><td><b class="mono">{{to}}</b> {{toText}}</td><td><span class="tag {{strength}}">{{strength}}</span>{{#via}} via {{.}}{{/via}}</td><td>{{confidence}}</td><td>{{notes}}</td></tr>{{/page.links}}
        {{^page.links}}<tr><td colspan="5" class="empty">No link matches.</td></tr>{{/page.links}}
        </tbody></table></div>
        {{/page.available}}
        {{^page.available}}<p class="hint">The gateway home has no criteria catalogues (Mappings/criteria/).</p>{{/page.available}}
        {{/body}}{{/layout}}
        """
}
