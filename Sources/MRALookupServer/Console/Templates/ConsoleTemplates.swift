/// The console's Mustache templates, by name. Each page fills the layout's
/// `body`; values are HTML-escaped (`{{…}}`), never inserted raw.
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "problem": problem, "sign-in": signIn, "overview": overview, "ledger": ledger,
        "entry": entry, "quarantine": quarantine, "trust": trust, "members": members,
        "reconciliation": reconciliation, "trader": trader, "crosswalk": crosswalk,
    ]

    /// Every page's frame: navigation, who is signed in, the page, a link to its JSON.
    static let layout = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · MRA gateway console</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/console/console.css"></head>
        <body><header class="top"><a class="brand" href="/console">MRA gateway</a>
        <nav>{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}</nav>
        {{#user}}<form class="who" method="post" action="/console/sign-out"><span id="signed-in">{{.}}</span><input type="hidden" name="formToken" value="{{formToken}}"><button type="submit">Sign out</button></form>{{/user}}
        </header>
        <main><h1>{{title}}</h1>
        {{$body}}{{/body}}
        </main>
        <footer><a href="{{jsonLink}}">This page as JSON</a></footer></body></html>
        """

    static let problem = """
        {{<layout}}{{$body}}
        <p class="problem" id="problem"><b>{{page.code}}</b> {{page.message}}</p>
        <p><a href="/console">Back to the overview</a></p>
        {{/body}}{{/layout}}
        """

    static let signIn = """
        {{<layout}}{{$body}}
        {{#page.problem}}<p class="problem" id="problem">{{.}}</p>{{/page.problem}}
        <form class="panel sign-in" method="post" action="/console/sign-in">
        <input type="hidden" name="next" value="{{page.next}}">
        {{#page.certificateClient}}<p>Your TLS certificate is {{.}}'s: sign in with it, or give a key.</p>{{/page.certificateClient}}
        <label>Operator API key <input type="password" name="key" id="key" autocomplete="off" autofocus></label>
        <button type="submit" id="sign-in">Sign in</button>
        <p class="hint">The key is one an administrator made with <code>mra-gateway api-client add NAME --role operator</code>.</p>
        </form>
        {{/body}}{{/layout}}
        """
}
