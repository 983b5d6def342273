import MRAReconciliation

/// The console's one style sheet: no fonts or scripts fetched; fonts for
/// Latin, CJK and Arabic names (``scriptFontStack``); wide tables scroll
/// inside their panel rather than overflow it.
enum ConsoleStyle {
    static let css = """
        :root{--ok:#2e7d32;--bad:#c62828;--warn:#ef6c00;--gap:#78909c;--ink:#1c2733;--muted:#5f6b7a;--line:#d9dee5;--band:#12314f}
        *{box-sizing:border-box}
        body{font:14px/1.45 \(scriptFontStack);color:var(--ink);margin:0;background:#f5f7fa}
        header.top{background:var(--band);color:#fff;display:flex;flex-wrap:wrap;align-items:center;gap:4px 18px;padding:8px 24px}
        .brand{color:#fff;font-weight:700;text-decoration:none;font-size:16px}
        nav{display:flex;flex-wrap:wrap;gap:2px}
        nav a{color:#c9d6e3;text-decoration:none;padding:6px 10px;border-radius:4px}
        nav a[aria-current=page]{background:#fff;color:var(--band)}
        nav a:hover{color:#fff;background:#1f4a73}
        .who{margin-left:auto;display:flex;gap:8px;align-items:center;color:#c9d6e3}
        main{padding:14px 24px;max-width:1400px}
        h1{font-size:20px;margin:4px 0 12px}
        h2{font-size:15px;margin:0 0 8px}
        h3{font-size:13px;margin:0 0 6px}
        footer{padding:10px 24px 24px;font-size:12px}
        a{color:#0b5cad}
        .panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 14px;margin:0 0 14px;min-width:0;overflow-x:auto}
        .panel.inner{margin:0;flex:1}
        .row{display:flex;gap:14px;flex-wrap:wrap;align-items:flex-start}
        .row>.panel{flex:1 1 420px}
        .scroll{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:6px;margin-bottom:12px}
        table.grid{border-collapse:collapse;width:100%}
        .grid th,.grid td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
        .grid th{background:#eef2f6;font-weight:600;font-size:12px;position:sticky;top:0}
        .grid td{overflow-wrap:break-word}
        .grid tr.attention td:first-child{box-shadow:inset 3px 0 var(--bad)}
        th.n,td.n{text-align:right;font-variant-numeric:tabular-nums}
        th a.sort{color:inherit;text-decoration:none}
        .nowrap{white-space:nowrap}
        .file,.mono,code,pre{font-family:ui-monospace,"DejaVu Sans Mono","Noto Sans Mono",Menlo,Consolas,monospace;font-size:12px}
        td.file{word-break:break-all}
        .subject{font-size:12px}
        .name{font-weight:600}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f7f9fb;border:1px solid var(--line);border-radius:4px;padding:8px;max-height:480px;overflow:auto;margin:0}
        .tag{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;color:#fff;white-space:nowrap;background:var(--gap)}
        .tag.ok,.tag.agree,.tag.equivalent{background:var(--ok)}
        .tag.bad,.tag.conflict{background:var(--bad)}
        .tag.warn,.tag.divergent,.tag.partial{background:var(--warn)}
        .tag.gap,.tag.related{background:var(--gap)}
        .filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:flex-end;background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin-bottom:10px}
        .filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
        .filters label:has(input[type=checkbox]){flex-direction:row;align-items:center;gap:6px}
        input,select,button{font:inherit}
        button{background:var(--band);color:#fff;border:0;border-radius:4px;padding:5px 12px;cursor:pointer}
        button.danger{background:var(--bad)}
        .who button{background:#1f4a73}
        .count,.hint{color:var(--muted)}
        .lead{font-size:15px}
        .problem{background:#fdecea;border:1px solid #f5c2bd;color:#7f1d1d;border-radius:6px;padding:8px 12px}
        .notice{background:#e8f5e9;border:1px solid #b7dfb9;color:#1b4d1f;border-radius:6px;padding:8px 12px}
        .fine{color:var(--ok)}
        .empty{color:var(--muted);text-align:center;padding:14px}
        ul.attention li{margin:2px 0}
        ul.checks{margin:4px 0 10px;padding-left:20px}
        ul.checks li.passed::marker{content:"✓ ";color:var(--ok)}
        ul.checks li.failed::marker{content:"✗ ";color:var(--bad)}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 12px;margin:0}
        dt{color:var(--muted)}
        dd{margin:0;overflow-wrap:anywhere}
        .actions form{margin:6px 0}
        .sign-in{max-width:460px}
        .sign-in label{display:flex;flex-direction:column;gap:4px;margin-bottom:10px}
        .cards{display:flex;gap:10px;flex-wrap:wrap;margin-bottom:12px}
        .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:120px}
        .card b{display:block;font-size:22px}
        .card span{color:var(--muted);font-size:12px}
        .card.bad b{color:var(--bad)}
        .card.warn b{color:var(--warn)}
        details.panel summary{cursor:pointer;font-weight:600}
        .ids a{margin-right:8px}
        .pager a{margin-right:12px}
        """
}
