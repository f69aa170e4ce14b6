"""Content in several languages: translations of a piece of content's title, summary and main
text, one mechanism for every kind of content (docs/i18n.md, "Content in several languages").

* `registry` — each content app registers its translatable kind in its `AppConfig.ready()`
  (core, on the ground floor, knows none of them).
* `services` — add, change and remove translations (editors of the owning organisation), and
  machine translations through `machine` (off unless the operator configures an endpoint).
* `selectors` — a piece of content as a reader sees it (their language when a translation
  exists, else the original, labelled with its language), the translations of many objects at
  once (matching's index).
* `views`, `api`, `urls` — the translations screen of an object and its JSON twin.
"""
