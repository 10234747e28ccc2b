"""The demo site's pages as (English, Welsh) URL pairs: a contract of SPEC.md."""

DEMO_PAGES = [
    ("/", "/cy/"),
    ("/about/", "/cy/amdanom-ni/"),
    ("/terms-of-reference/", "/cy/cylch-gorchwyl/"),
    ("/support/", "/cy/cymorth/"),
    ("/privacy-notice/", "/cy/hysbysiad-preifatrwydd/"),
    ("/accessibility-statement/", "/cy/datganiad-hygyrchedd/"),
    ("/cookies/", "/cy/cwcis/"),
    ("/cover-your-tracks/", "/cy/cuddio-eich-olion/"),
    ("/join/", "/cy/ymuno/"),
    ("/difference-made/", "/cy/gwahaniaeth-a-wnaed/"),
    # The demo's "difference made" stories (impact/demo_content.py).
    (
        "/difference-made/updates-when-promised/",
        "/cy/gwahaniaeth-a-wnaed/diweddariadau-ar-amser/",
    ),
    (
        "/difference-made/knowing-what-to-expect-at-court/",
        "/cy/gwahaniaeth-a-wnaed/gwybod-beth-iw-ddisgwyl-yn-y-llys/",
    ),
    (
        "/difference-made/letters-in-plain-words/",
        "/cy/gwahaniaeth-a-wnaed/llythyrau-mewn-geiriau-clir/",
    ),
]

SEARCH_PAGES = ("/search/?q=network", "/cy/chwilio/?q=rhwydwaith")

ALL_PAGES = [url for pair in DEMO_PAGES for url in pair] + list(SEARCH_PAGES)
