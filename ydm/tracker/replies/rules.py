"""The checklist's rules: for each thing Article 15 (and our access letter's political questions) asks,
the words, column names and values that show a reply answers it. Rule-based so every line can say
why: no network, no model. Patterns are lower-case regular expressions over the reply's text and
its tables' column names and first values.

What each line asks, and why (law.md §2, design.md "Request kinds"):
- 15(1)(a)-(h): the information UK GDPR Art 15(1) lists; 15(2): safeguards for transfers abroad
  (Art 15(2) with Art 46); the copy: Art 15(1) and (3) (ART15_ITEMS' "15(1)-copy").
- The political lines: what letter_templates/access.txt.j2 asks a party or campaigner: every source
  (the full or marked electoral register; data bought or licensed from brokers or list providers),
  inferred political opinions and scores (special-category data, Art 9(1) UK GDPR), uploads to
  platforms as custom or lookalike audiences, the recipients, and retention per category.
"""

from __future__ import annotations

import re

# Letter words for the political lines, in the shape of facts.ART15_ITEMS (a follow-up quotes them).
POLITICAL_ITEMS = {
    "pol:register": "whether you hold data about me from the full or marked electoral register, and which "
                    "editions",
    "pol:bought": "whether you bought, licensed or were given data about me by data brokers, list providers or "
                  "other organisations, naming them",
    "pol:inferred": "every political opinion, voting intention, support or likelihood-to-vote score, segment or "
                    "label you hold or have inferred about me, and the data used to produce it (special-category "
                    "data, Article 9 UK GDPR)",
    "pol:audiences": "whether my details (including hashed email addresses or telephone numbers) were uploaded to "
                     "social media or advertising platforms, for example as a custom or lookalike audience, to "
                     "which platforms and when",
    "pol:recipients": "the named recipients of my data, including candidates, local parties, agents, data "
                      "processors and campaign software providers",
    "pol:retention": "how long you keep each category of my data, including canvassing records and scores",
}

SHORT = {
    "15(1)-copy": "a copy of your data (Art 15(1), 15(3))",
    "15(1)(a)": "purposes and lawful basis (Art 15(1)(a))",
    "15(1)(b)": "categories of data (Art 15(1)(b))",
    "15(1)(c)": "recipients (Art 15(1)(c))",
    "15(1)(d)": "how long it is kept (Art 15(1)(d))",
    "15(1)(e)": "your rights to correct, erase, restrict, object (Art 15(1)(e))",
    "15(1)(f)": "your right to complain to the ICO (Art 15(1)(f))",
    "15(1)(g)": "where the data came from (Art 15(1)(g))",
    "15(1)(h)": "automated decisions and profiling (Art 15(1)(h))",
    "15(2)": "safeguards for transfers abroad (Art 15(2))",
    "pol:register": "the electoral register as a source",
    "pol:bought": "bought or licensed lists as a source",
    "pol:inferred": "inferred political opinions and scores (Art 9)",
    "pol:audiences": "custom-audience uploads to platforms",
    "pol:recipients": "named recipients (candidates, local parties, processors)",
    "pol:retention": "retention per category",
}

_RECIPIENTS = r"recipient|shared with|share (it|your|this)|disclosed? to|third[- ]part(y|ies)|processors?\b"
_RETENTION = r"retain|retention|kept for|keep (it|your|this)|stored? for|delet(e|ed) after|period of \w+ (years|months)"

# code -> (strong text patterns: found, weak text patterns: unclear, column-name pattern: found)
TEXT_RULES: dict[str, tuple[str, str, str]] = {
    "15(1)(a)": (r"purposes?\b|lawful basis|legal basis|democratic engagement|legitimate interests?|"
                 r"we (use|process) your (personal )?(data|information) (to|for)", r"\bto (contact|campaign)", ""),
    "15(1)(b)": (r"categor(y|ies) of (personal )?(data|information)|types? of (personal )?(data|information)|"
                 r"the (personal )?(data|information) we hold", r"\bwe hold\b", ""),
    "15(1)(c)": (_RECIPIENTS, r"\bpartners?\b", ""),
    "15(1)(d)": (_RETENTION, r"\buntil\b|\bno longer\b", r"retention|delete_after|expiry"),
    "15(1)(e)": (r"rectif|erasure|right to (erase|object|restrict)|restriction of processing", r"\bobject\b|correct",
                 ""),
    "15(1)(f)": (r"information commissioner|\bico\b|ico\.org\.uk|supervisory authority|lodge a complaint",
                 r"complain", ""),
    "15(1)(g)": (r"obtained (it |your \w+ )?from|collected from|received (it )?from|came from|sources? of (your|the) "
                 r"(personal )?(data|information)|electoral (register|roll)|canvassing", r"\bsources?\b",
                 r"^(data_?)?source$|origin|obtained|collected_from|provenance"),
    "15(1)(h)": (r"automated decision|profiling|logic involved|significance and (the )?(envisaged )?consequences",
                 r"algorithm|\bmodel(l?ed|ling)?\b|\bscor(e|es|ing)\b", ""),
    "15(2)": (r"third countr|outside (of )?the (uk|united kingdom|eea|european economic area)|international "
              r"transfers?|adequacy|standard contractual|idta|transfer (risk|agreement)|safeguards?",
              r"\btransfer", ""),
    "pol:register": (r"electoral (register|roll)|full register|marked register|register of electors|edited register",
                     r"\bregister\b", r"elector|ero_|polling_district|pd_?code|poll(ing)?_?number"),
    "pol:bought": (r"\b(bought|purchased|licensed|acquired) (from|it|your|the|data|lists?)|data brokers?|list "
                   r"(provider|broker)s?|experian|acxiom|transunion|equifax|\bcameo\b|\bmosaic\b",
                   r"third[- ]party (data|lists?)", r"vendor|supplier|list_?source|broker"),
    "pol:inferred": (r"voting intention|support score|likel(y|ihood) to vote|persuadab|swing voter|inferred|"
                     r"predicted|modell?ed|political (opinion|view|leaning)s?|segment", r"\bscor(e|es)\b|propensit",
                     r"score|propensit|likelihood|intention|^vi$|_vi$|support|segment|persuad|predict|swing|lean|"
                     r"affinit|cluster|model"),
    "pol:audiences": (r"custom audiences?|lookalike|matched audiences?|customer match|uploaded (to|your)|hashed",
                      r"facebook|\bmeta\b|instagram|google ads|tiktok|snapchat|\bx\b \(twitter\)|twitter",
                      r"audience|hashed|\bfb_|custom_?match"),
    "pol:recipients": (r"candidates?\b|local part(y|ies)|agents?\b|nationbuilder|ngp ?van|contact creator|"
                       r"organise|salesforce|mailchimp|processors?\b", _RECIPIENTS, r"shared_with|recipient"),
    "pol:retention": (_RETENTION, r"\buntil\b", r"retention|delete_after|expiry"),
}

COMPILED = {code: tuple(re.compile(p) if p else None for p in rule) for code, rule in TEXT_RULES.items()}

# A copy of the data (Art 15(3)): tables with rows, or the reply saying it encloses one.
COPY_WORDS = re.compile(r"(enclosed|attached|here is|please find)[^.\n]{0,60}(copy|your (personal )?data|"
                        r"information we hold|records?)|copy of (your|the) (personal )?(data|information)")
