import MRAGateway
/// Escapes text for HTML element content and attribute values.
func htmlEscaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}

/// Fonts for every script a trader's name may be in: the system's own
/// first, then Noto (Latin, Hangul, Kana and Kanji, Han, Arabic) and the
/// fonts Windows and macOS carry for them, so that Korean, Japanese, Chinese
/// and Arabic names render wherever one of them is installed.
package let scriptFontStack = """
    system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK KR","Noto Sans CJK JP","Noto Sans CJK SC",\
    "Noto Sans CJK TC","Noto Sans Arabic","Noto Naskh Arabic","Apple SD Gothic Neo","Malgun Gothic","Hiragino Sans",\
    "Yu Gothic","Microsoft YaHei","PingFang SC","Geeza Pro",Tahoma,Arial,sans-serif
    """

/// The shared style sheet of the gateway's HTML reports: inline, no fonts or
/// images fetched, printable.
let reportStyle = """
    :root{--agree:#2e7d32;--conflict:#c62828;--divergent:#ef6c00;--gap:#78909c;--ink:#1c2733;--muted:#5f6b7a;--line:#d9dee5}
    *{box-sizing:border-box}
    body{font:14px/1.45 \(scriptFontStack);color:var(--ink);margin:0;background:#f5f7fa}
    header{background:#12314f;color:#fff;padding:14px 28px}
    header h1{margin:0;font-size:20px}
    header p{margin:2px 0 0;color:#c9d6e3;font-size:12px}
    main{padding:18px 28px;max-width:1240px}
    h2{font-size:16px;margin:22px 0 8px}
    .cards{display:flex;gap:12px;flex-wrap:wrap}
    .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:132px}
    .card b{display:block;font-size:24px}
    .card span{color:var(--muted);font-size:12px}
    .card.bad b{color:var(--conflict)}
    .card.warn b{color:var(--divergent)}
    .row{display:flex;gap:18px;flex-wrap:wrap;align-items:flex-start;margin-top:16px}
    .panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 14px}
    table{border-collapse:collapse;width:100%;background:#fff}
    th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
    th{background:#eef2f6;font-weight:600;font-size:12px}
    td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
    td.who{min-width:190px}
    .tag{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;color:#fff;white-space:nowrap}
    .trader{overflow-x:auto}
    td{overflow-wrap:break-word}
    .agree{background:var(--agree)}.conflict{background:var(--conflict)}.divergent{background:var(--divergent)}.gap{background:var(--gap)}
    .status-conflict{background:#6a1b9a}.overdue{background:#ad1457}
    .trader{background:#fff;border:1px solid var(--line);border-radius:6px;margin:10px 0;padding:8px 14px}
    .trader h3{margin:4px 0;font-size:15px}
    .ids{color:var(--muted);font-size:12px;word-break:break-all}
    .legend span{margin-right:12px;font-size:12px}
    .legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
    .muted{color:var(--muted)}
    @media print{body{background:#fff}.trader{break-inside:avoid}}
    """
